#include "mock-host/mock_host.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "mock-host/auth/auth_module.hpp"
#include "mock-host/connection_gate.hpp"
#include "mock-host/host_handlers.hpp"
#include "mock-host/http_front.hpp"
#include "mock-host/licence_qualification_handler.hpp"
#include "mock-host/notifications/notification_module.hpp"
#include "mock-host/pages_handler.hpp"
#include "mock-host/plugin_context.hpp"
#include "mock-host/plugin_loader.hpp"

namespace ucf::host {
namespace {

std::filesystem::path defaultPluginsDir() {
  return boost::dll::program_location().parent_path().parent_path() / "plugins";
}

sdk::PluginConfig pluginConfig(const HostOptions& options, const std::string& pluginId) {
  sdk::PluginConfig config;
  // The host's statement limit, unless the plugin's configuration sets its own (below).
  config.values["statementTimeoutMs"] = std::to_string(options.statementTimeoutMs);
  if (!options.configFile) return config;
  std::ifstream in(*options.configFile);
  if (!in) throw std::runtime_error("cannot read the configuration file " + *options.configFile);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  boost::json::value doc = boost::json::parse(text);
  if (const auto* plugins = doc.as_object().if_contains("plugins")) {
    if (const auto* section = plugins->as_object().if_contains(pluginId)) {
      for (const auto& [key, value] : section->as_object()) {
        config.values[std::string(key)] =
            value.is_string() ? std::string(value.as_string()) : boost::json::serialize(value);
      }
    }
  }
  return config;
}

sdk::DataSource pluginDataSource(const HostOptions& options, const std::string& pluginId) {
  if (options.db.rfind("postgresql://", 0) == 0 || options.db.rfind("postgres://", 0) == 0) {
    return {sdk::DataSourceKind::kPostgresql, options.db};
  }
  // With SQLite every plugin keeps a file of its own, so its writers never wait for the host's.
  return {sdk::DataSourceKind::kSqlite, (std::filesystem::path(options.dataDir) / (pluginId + ".sqlite")).string()};
}

// Plain TCP, or TLS through POCO NetSSL (OpenSSL) when a certificate and key are given.
Poco::Net::ServerSocket listenSocket(const HostOptions& options) {
  Poco::Net::SocketAddress address(options.bind, options.port);
  if (!options.tlsCertFile) return Poco::Net::ServerSocket(address, 128);
  Poco::Net::Context::Params params;
  params.certificateFile = *options.tlsCertFile;
  params.privateKeyFile = *options.tlsKeyFile;
  params.verificationMode = Poco::Net::Context::VERIFY_NONE;  // clients authenticate by session, not certificate
  params.loadDefaultCAs = false;
  params.cipherList = "HIGH:!aNULL:!MD5:!RC4";
  Poco::Net::Context::Ptr context;
  try {
    context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("cannot use --tls-cert/--tls-key: " + e.displayText());
  }
  return Poco::Net::SecureServerSocket(address, 128, context);
}

}  // namespace

struct MockHost::Runtime {
  // Declared first: the sessions and their database outlive the server that resolves them.
  std::unique_ptr<auth::AuthModule> auth;
  // Also before the plugins: their notifiers are the module's, and its mail thread stops last.
  std::unique_ptr<notifications::NotificationModule> notifications;
  InFlightGate gate;
  HealthHandler health;
  PagesHandler pages;
  std::unique_ptr<MenuHandler> menuHandler;
  std::unique_ptr<LicenceQualificationHandler> qualification;
  std::vector<LoadedPlugin> plugins;
  std::unique_ptr<ConnectionGate> server;
  std::uint16_t port = 0;
  bool stopped = false;
};

MockHost::MockHost(HostOptions options) : options_(std::move(options)) {}

MockHost::~MockHost() { stop(); }

void MockHost::start() {
  if (runtime_) throw std::logic_error("the host is already started");
  std::filesystem::create_directories(options_.dataDir);
  runtime_ = std::make_unique<Runtime>();
  Runtime& rt = *runtime_;

  rt.auth = std::make_unique<auth::AuthModule>(options_, clock_, logger_);
  routes_.add({"GET", "/healthz", sdk::RouteAccess::kPublic}, rt.health, "host");
  rt.auth->registerRoutes(routes_);
  rt.notifications =
      std::make_unique<notifications::NotificationModule>(options_, rt.auth->database(), clock_, logger_);
  rt.notifications->registerRoutes(routes_);
  rt.menuHandler = std::make_unique<MenuHandler>(menu_);
  routes_.add({"GET", "/api/menu", sdk::RouteAccess::kPublic}, *rt.menuHandler, "host");
  rt.pages.registerIn(routes_);
  rt.qualification = std::make_unique<LicenceQualificationHandler>(services_, logger_);
  routes_.add({"GET", "/api/licence/used-car-qualification", sdk::RouteAccess::kAuthenticated}, *rt.qualification,
              "host");

  LoaderDeps deps{[this, &rt](const std::string& id) -> std::unique_ptr<sdk::HostContext> {
                    return std::make_unique<PluginContext>(id, routes_, menu_, services_, clock_, logger_,
                                                           pluginConfig(options_, id), pluginDataSource(options_, id),
                                                           rt.notifications->notifierFor(id));
                  },
                  [this](const std::string& id) { unregister(id); },
                  [this](const PluginMetadata& metadata) {
                    for (const auto& entry : metadata.menu) menu_.add(entry.parent, entry.item, metadata.id);
                  },
                  logger_};
  std::filesystem::path folder =
      options_.pluginsDir ? std::filesystem::path(*options_.pluginsDir) : defaultPluginsDir();
  rt.plugins = loadPlugins(folder, deps);

  Poco::Net::ServerSocket socket = listenSocket(options_);
  auto params = Poco::makeAuto<Poco::Net::HTTPServerParams>();
  params->setTimeout(Poco::Timespan(options_.timeoutSeconds, 0));
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(1000);
  params->setServerName("ucf-mock-host");
  rt.port = socket.address().port();
  ConnectionGate::Settings settings;
  settings.workers = options_.maxThreads;
  settings.maxQueued = options_.maxQueued;
  settings.headerTimeout = std::chrono::seconds(options_.headerTimeoutSeconds);
  settings.tls = tls();
  rt.server = std::make_unique<ConnectionGate>(
      socket, params,
      Poco::makeShared<HttpFront>(HttpFrontDeps{routes_, rt.auth->sessions(), logger_, rt.gate, options_.maxBodyBytes,
                                                sessionCookieName(tls())}),
      settings, logger_);
  rt.server->start();
}

void MockHost::stop() {
  if (!runtime_ || runtime_->stopped) return;
  Runtime& rt = *runtime_;
  rt.stopped = true;
  if (rt.server) rt.server->stop();
  rt.gate.closeAndDrain();
  unloadPlugins(
      rt.plugins, [this](const std::string& id) { unregister(id); }, logger_);
  routes_.removeOwner("host");
  rt.server.reset();
  rt.notifications.reset();  // stops the mail thread before the database closes
  rt.auth.reset();           // closes the host database
}

void MockHost::unregister(const std::string& pluginId) {
  routes_.removeOwner(pluginId);
  services_.removeOwner(pluginId);
  menu_.removeOwner(pluginId);
}

std::uint16_t MockHost::port() const { return runtime_ ? runtime_->port : 0; }

int MockHost::sessionListenerPid() const {
  return runtime_ && runtime_->auth ? runtime_->auth->sessionListenerPid() : 0;
}

std::string MockHost::baseUrl() const {
  return std::string(tls() ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
}

sdk::Notifier& MockHost::notifier(const std::string& pluginId) {
  if (!runtime_ || !runtime_->notifications) throw std::logic_error("the host is not started");
  return runtime_->notifications->notifierFor(pluginId);
}

std::vector<std::string> MockHost::pluginIds() const {
  std::vector<std::string> ids;
  if (runtime_) {
    for (const auto& p : runtime_->plugins) ids.push_back(p.id);
  }
  return ids;
}

}  // namespace ucf::host
