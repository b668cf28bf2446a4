// The plugin's entry point and metadata (the C boundary of ucf/abi/ucf_plugin.h, through the
// header-only wrapper), and the Plugin that wires the adapters, services and REST handlers
// together at start.
#include <chrono>
#include <filesystem>
#include <memory>

#include "adapters/crypto/openssl_hasher.hpp"
#include "adapters/files/spooled_upload.hpp"
#include "adapters/persistence/database.hpp"
#include "adapters/persistence/migrations.hpp"
#include "adapters/persistence/sql_filing_stats.hpp"
#include "adapters/persistence/sql_filing_store.hpp"
#include "plugin/app/background_work.hpp"
#include "plugin/app/expiry_reminders.hpp"
#include "plugin/app/filing_service.hpp"
#include "plugin/app/notification_relay.hpp"
#include "plugin/app/review_service.hpp"
#include "plugin/app/stats_service.hpp"
#include "plugin/config_int.hpp"
#include "plugin/rest/filing_api.hpp"
#include "plugin/rest/host_notification_sender.hpp"
#include "plugin/rest/meta_form_handler.hpp"
#include "plugin/rest/openapi.hpp"
#include "plugin/rest/pages_handler.hpp"
#include "plugin/rest/problem.hpp"
#include "plugin/rest/qualification_service.hpp"
#include "ucf/abi/plugin_entry.hpp"
#include "ucf/sdk/plugin.hpp"

namespace ucf::plugin {
namespace {

/// The services' time source: the host's clock.
class HostTime final : public app::TimeSource {
 public:
  explicit HostTime(const sdk::Clock& clock) : clock_(clock) {}
  [[nodiscard]] domain::Instant now() const override { return clock_.now(); }

 private:
  const sdk::Clock& clock_;
};

/// Everything the plugin builds at start, in dependency order (destroyed in reverse).
struct Runtime {
  Runtime(sdk::HostContext& context)
      : database(context.dataSource().kind, context.dataSource().location,
                 configInt(context.config(), "poolSize", 48, 1, 1024),
                 std::chrono::milliseconds(configInt(context.config(), "statementTimeoutMs", 5000, 1, 3600000))),
        time(context.clock()),
        store(database, time),
        recorder(hasher),
        writer(store, recorder, time),
        filings(writer),
        reviews(writer),
        statsStore(database),
        stats(writer, statsStore),
        reminders(writer),
        sender(context.notifier()),
        relay(store, sender),
        qualification(filings),
        spoolDir(context.config().get("spoolDir").value_or(std::filesystem::temp_directory_path().string())),
        api(filings, reviews, stats, [this](std::int64_t limit) -> std::unique_ptr<app::UploadSpool> {
          return std::make_unique<adapters::SpooledUpload>(spoolDir, limit);
        }) {}

  adapters::Database database;
  HostTime time;
  adapters::SqlFilingStore store;
  adapters::OpenSslHasher hasher;
  app::HistoryRecorder recorder;
  app::FilingWriter writer;
  app::FilingService filings;
  app::ReviewService reviews;
  adapters::SqlFilingStats statsStore;
  app::StatsService stats;
  app::ExpiryReminders reminders;
  rest::HostNotificationSender sender;
  app::NotificationRelay relay;
  rest::QualificationService qualification;
  std::filesystem::path spoolDir;
  rest::FilingApi api;
  rest::MetaFormHandler metaForm;
  rest::PagesHandler pages;
  std::vector<rest::ApiRoute> routes;
  std::string openApi;
  std::vector<std::unique_ptr<rest::ApiRouteHandler>> handlers;
  // Last: its thread stops before anything it uses is destroyed.
  std::unique_ptr<app::BackgroundWork> background;
};

class UsedCarFilingPlugin final : public sdk::Plugin {
 public:
  std::string id() const override { return "used-car-filing"; }

  sdk::StartResult start(sdk::HostContext& context) override {
    try {
      const auto began = std::chrono::steady_clock::now();
      runtime_ = std::make_unique<Runtime>(context);
      Runtime& rt = *runtime_;
      auto applied = adapters::applyMigrations(rt.database, context.clock());
      for (const auto& name : applied) context.logger().log(sdk::LogLevel::kInfo, "used-car-filing: migrated " + name);
      rt.writer.sweepLapsed(true);
      rt.database.fillInBackground();
      // Lapses, expiry reminders and the notification relay (docs/PRODUCT.md §7.2), every ~2 s of real time.
      sdk::Logger& log = context.logger();
      rt.background = std::make_unique<app::BackgroundWork>(
          rt.writer, rt.reminders, rt.relay,
          [&log](const std::string& what) { log.log(sdk::LogLevel::kWarning, "used-car-filing: " + what); },
          std::chrono::milliseconds(configInt(context.config(), "sweepPeriodMs", 2000, 10, 3600000)));

      rt.routes = rt.api.routes();
      rt.routes.push_back({.method = "GET",
                           .path = "/meta/form",
                           .summary = "The form as data: fields, enums, slots per category, provinces, statuses",
                           .who = "any logged-in user",
                           .statuses = {200},
                           .handle = [&rt](sdk::HttpRequest& req) { return rt.metaForm.handle(req); }});
      rt.routes.push_back({.method = "GET",
                           .path = "/openapi.json",
                           .access = sdk::RouteAccess::kPublic,
                           .summary = "This OpenAPI 3.1 document",
                           .who = "anyone",
                           .statuses = {200},
                           .handle = [&rt](sdk::HttpRequest&) {
                             return rest::jsonText(200, rt.openApi).with("Cache-Control", "public, max-age=300");
                           }});
      rt.openApi = rest::openApiDocument(rt.routes, rest::FilingApi::kBasePath);
      sdk::Logger& logger = context.logger();
      for (const auto& route : rt.routes) {
        auto handler = std::make_unique<rest::ApiRouteHandler>(route, [&logger](const std::string& what) {
          logger.log(sdk::LogLevel::kError, "used-car-filing: " + what);
        });
        context.routes().add({route.method, std::string(rest::FilingApi::kBasePath) + route.path, route.access},
                             *handler);
        rt.handlers.push_back(std::move(handler));
      }
      rt.pages.registerIn(context.routes());
      context.services().add("qualification", rt.qualification);
      auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began);
      logger.log(sdk::LogLevel::kInfo, "used-car-filing started in " + std::to_string(took.count()) + " ms (" +
                                           std::to_string(rt.routes.size()) + " routes)");
      return {};
    } catch (const std::exception& e) {
      runtime_.reset();
      return {false, e.what()};
    }
  }

  void stop() noexcept override { runtime_.reset(); }

 private:
  std::unique_ptr<Runtime> runtime_;
};

}  // namespace
}  // namespace ucf::plugin

// The menu is metadata: the host adds it from the file, before and without running this code.
UCF_PLUGIN_METADATA(
    "used-car-filing", UCF_PLUGIN_VERSION,
    R"([{"parent":"export-licence","id":"used-car-filing","label":"二手车备案","visibleTo":["enterprise"],)"
    R"("children":[{"id":"used-car-filing-new","label":"新增","url":"/used-car-filing/new",)"
    R"("visibleTo":["enterprise"]},{"id":"used-car-filing-list","label":"二手车备案列表",)"
    R"("url":"/used-car-filing/list","visibleTo":["enterprise"]}]},)"
    R"({"parent":"export-licence","id":"used-car-filing-review","label":"二手车备案审核",)"
    R"("url":"/used-car-filing/review","visibleTo":["reviewer","rechecker","supervisor"]},)"
    R"({"parent":"export-licence","id":"used-car-filing-stats","label":"统计",)"
    R"("url":"/used-car-filing/stats","visibleTo":["reviewer","rechecker","supervisor"]}])",
    R"(["principal","clock","logger","config","dataSource","notifier"])");

UCF_DECLARE_PLUGIN(ucf::plugin::UsedCarFilingPlugin)
