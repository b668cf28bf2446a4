// The C boundary (docs/PRODUCT.md §11, docs/SDK.md): versions checked from the file before any
// plugin code runs, metadata read without loading, and the qualification service asked through
// the table. The host's own loader against real built plugins (tests/test_plugins).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

#include "mock-host/menu_tree.hpp"
#include "mock-host/movable_clock.hpp"
#include "mock-host/plugin_context.hpp"
#include "mock-host/plugin_loader.hpp"
#include "mock-host/plugin_metadata.hpp"
#include "mock-host/route_table.hpp"
#include "mock-host/service_table.hpp"
#include "tests/support/filing_fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf;

namespace {

std::string testPluginDir(const std::string& name) { return std::string(UCF_TEST_PLUGIN_DIR) + "/" + name; }
std::string testPluginFile(const std::string& name) { return testPluginDir(name) + "/libtest_plugin_" + name + ".so"; }

bool mapsContain(const std::string& needle) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    if (line.find(needle) != std::string::npos) return true;
  }
  return false;
}

class RecordingLogger final : public sdk::Logger {
 public:
  void log(sdk::LogLevel, std::string_view message) noexcept override {
    std::lock_guard lock(mutex_);
    lines_.emplace_back(message);
  }
  bool saw(const std::string& a, const std::string& b) {
    std::lock_guard lock(mutex_);
    for (const auto& l : lines_) {
      if (l.find(a) != std::string::npos && l.find(b) != std::string::npos) return true;
    }
    return false;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

class RefusingNotifier final : public sdk::Notifier {
 public:
  void send(const sdk::Notification&) override { throw std::runtime_error("no store"); }
};

/// The host's registries and services without its HTTP server, and its loader.
struct Harness {
  host::RouteTable routes;
  host::MenuTree menu;
  host::ServiceTable services;
  host::MovableClock clock;
  RecordingLogger logger;
  RefusingNotifier notifier;
  std::vector<host::LoadedPlugin> plugins;

  void load(const std::string& folder) {
    host::LoaderDeps deps{[this](const std::string& id) -> std::unique_ptr<sdk::HostContext> {
                            return std::make_unique<host::PluginContext>(id, routes, menu, services, clock, logger,
                                                                         sdk::PluginConfig{}, sdk::DataSource{},
                                                                         notifier);
                          },
                          [this](const std::string& id) { unregister(id); },
                          [this](const host::PluginMetadata& m) {
                            for (const auto& e : m.menu) menu.add(e.parent, e.item, m.id);
                          },
                          logger};
    plugins = host::loadPlugins(folder, deps);
  }
  void unregister(const std::string& id) {
    routes.removeOwner(id);
    services.removeOwner(id);
    menu.removeOwner(id);
  }
  ~Harness() {
    host::unloadPlugins(
        plugins, [this](const std::string& id) { unregister(id); }, logger);
  }

  std::string menuText() {
    sdk::Principal enterprise;
    enterprise.roles = {sdk::Role::kEnterprise};
    std::string ids;
    for (const auto& v : menu.render(enterprise)) {
      ids += v.id + ";";
      for (const auto& c : v.children) ids += c.id + ";";
    }
    return ids;
  }
};

std::string version(std::uint32_t major, std::uint32_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

}  // namespace

TEST_CASE("a plugin built against a newer minor is refused before it runs, naming both versions") {
  Harness h;
  h.load(testPluginDir("newer_minor"));  // its entry point aborts if called
  CHECK(h.plugins.empty());
  CHECK(h.logger.saw("plugin ABI version " + version(UCF_ABI_MAJOR, UCF_ABI_MINOR + 1),
                     "host ABI version " + version(UCF_ABI_MAJOR, UCF_ABI_MINOR)));
  CHECK_FALSE(mapsContain("libtest_plugin_newer_minor.so"));
  CHECK(h.routes.entries().empty());
  CHECK(h.menuText().find("newer-minor") == std::string::npos);
}

TEST_CASE("a plugin of another major is refused before it runs, naming both versions") {
  Harness h;
  h.load(testPluginDir("wrong_abi"));
  CHECK(h.plugins.empty());
  CHECK(h.logger.saw("plugin ABI version " + version(UCF_ABI_MAJOR + 1, 0),
                     "host ABI version " + version(UCF_ABI_MAJOR, UCF_ABI_MINOR)));
  CHECK_FALSE(mapsContain("libtest_plugin_wrong_abi.so"));
}

TEST_CASE("a plugin built against an older minor loads, adds its menu and answers its route") {
  Harness h;
  h.load(testPluginDir("older_minor"));
  REQUIRE(h.plugins.size() == 1);
  CHECK(h.plugins[0].id == "older-minor");
  CHECK(h.plugins[0].metadata.abi.minor == UCF_ABI_MINOR - 1);
  CHECK(h.menuText().find("older-minor") != std::string::npos);
  auto match = h.routes.match("GET", {"abi-test", "hello"});
  REQUIRE(match.entry != nullptr);
  CHECK(match.entry->owner == "older-minor");
  sdk::HttpRequest request;
  request.method = "GET";
  request.path = "/abi-test/hello";
  std::istringstream body;
  request.body = &body;
  auto response = match.entry->handler->handle(request);
  CHECK(response.status == 200);
  CHECK(response.body == "hello from older-minor");
}

TEST_CASE("metadata is read from the file without running plugin code") {
  test::TempDir dir;
  const auto marker = dir.path() / "loaded";
  ::setenv("UCF_TEST_MARKER", marker.c_str(), 1);

  auto m = host::readPluginMetadata(testPluginFile("marker"));
  CHECK(m.id == "marker");
  CHECK(m.version == "1.0.0");
  CHECK(m.abi.major == UCF_ABI_MAJOR);
  CHECK(m.abi.minor == UCF_ABI_MINOR);
  REQUIRE(m.menu.size() == 1);
  CHECK(m.menu[0].parent == "export-licence");
  CHECK(m.menu[0].item.label == "测试插件");
  CHECK(m.needs == std::vector<std::string>{"logger"});
  CHECK(host::describe(m).find("abi: " + version(UCF_ABI_MAJOR, UCF_ABI_MINOR)) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(marker));  // its static initialiser never ran
  CHECK_FALSE(mapsContain("libtest_plugin_marker.so"));

  {
    Harness h;  // the control: loading it does run that initialiser
    h.load(testPluginDir("marker"));
    CHECK(h.plugins.size() == 1);
  }
  CHECK(std::filesystem::exists(marker));
  ::unsetenv("UCF_TEST_MARKER");
}

TEST_CASE("the used-car plugin's metadata names its id, ABI, menu and needs") {
  auto m = host::readPluginMetadata(std::string(UCF_PLUGIN_DIR) + "/libused_car_filing.so");
  CHECK(m.id == "used-car-filing");
  CHECK(m.abi.major == UCF_ABI_MAJOR);
  CHECK(m.abi.minor == UCF_ABI_MINOR);
  REQUIRE(m.menu.size() == 3);
  CHECK(m.menu[0].item.label == "二手车备案");
  CHECK(m.menu[0].item.children.size() == 2);
  CHECK(m.menu[1].item.label == "二手车备案审核");
  CHECK(m.menu[2].item.label == "统计");
  CHECK(m.menu[2].item.url == "/used-car-filing/stats");
  CHECK(std::find(m.needs.begin(), m.needs.end(), "dataSource") != m.needs.end());
  CHECK_THROWS_WITH(host::readPluginMetadata(std::string(UCF_SOURCE_DIR) + "/README.md"),
                    Catch::Contains("not a 64-bit little-endian ELF file"));
}

TEST_CASE("the licence page's qualification comes from the plugin's service through the table") {
  test::TestHost host;
  REQUIRE(host.host().services().find("qualification") != nullptr);
  auto ca = test::caSession(host.port(), "qual-ca", "91350100M000100Y43");
  const std::string path = "/api/licence/used-car-qualification";

  auto before = ca.get(path);
  REQUIRE(before.status == 200);
  CHECK(before.json().at("qualified") == false);
  CHECK(before.json().at("validUntil").is_null());

  long long id = test::submittedFiling(ca);
  auto reviewer = test::authoritySession(host.port(), "qual-reviewer", {"reviewer"}, "350000");
  auto rechecker = test::authoritySession(host.port(), "qual-rechecker", {"rechecker"}, "350000");
  test::approve(reviewer, rechecker, id);

  auto after = ca.get(path);
  REQUIRE(after.status == 200);
  CHECK(after.json().at("qualified") == true);
  CHECK(after.json().at("filingId") == id);
  CHECK(after.json().at("validUntil").is_string());
  // The same answer as the plugin's own route.
  CHECK(after.body == ca.get(std::string(test::kApi) + "/qualification").body);

  CHECK(reviewer.get(path).status == 403);
  CHECK(test::HttpClient(host.port()).get(path).status == 401);
}
