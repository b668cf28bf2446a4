// The host loads the built plugin exactly as production would, refuses bad plugins, serves.
#include <catch2/catch.hpp>

#include <fstream>
#include <memory>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include "plugin/config_int.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_host.hpp"

using ucf::test::HttpClient;
using ucf::test::TestHost;

namespace {

bool mapsContain(const std::string& needle) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    if (line.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the host loads the used-car filing plugin and serves health and its routes") {
  TestHost host;
  CHECK(host.host().pluginIds() == std::vector<std::string>{"used-car-filing"});
  HttpClient client(host.port());

  auto health = client.get("/healthz");
  CHECK(health.status == 200);
  CHECK(health.json().at("status") == "ok");
  CHECK(health.header("x-content-type-options") == "nosniff");

  // Plugin routes need a session; the host refuses before the plugin sees the request.
  auto meta = client.get("/api/used-car-filing/v1/meta/form");
  CHECK(meta.status == 401);
  CHECK(meta.header("content-type").find("application/problem+json") == 0);

  CHECK(client.get("/no/such/route").status == 404);
  CHECK(client.post("/healthz", "").status == 405);
}

TEST_CASE("the plugin's routes are registered with the host's table") {
  TestHost host;
  bool metaForm = false;
  for (const auto& e : host.host().routes().entries()) {
    if (e.owner == "used-car-filing" && e.spec.method == "GET" &&
        e.spec.pattern == "/api/used-car-filing/v1/meta/form") {
      metaForm = true;
    }
  }
  CHECK(metaForm);
}

TEST_CASE("stop unloads the plugin library from the process") {
  {
    TestHost host;
    REQUIRE(mapsContain("libused_car_filing.so"));
  }
  CHECK_FALSE(mapsContain("libused_car_filing.so"));
}

TEST_CASE("a plugin of another ABI major is refused and the host keeps serving over HTTP") {
  TestHost::Options options;
  options.pluginsDir = std::string(UCF_TEST_PLUGIN_DIR) + "/wrong_abi";
  TestHost host(options);
  CHECK(host.host().pluginIds().empty());
  CHECK_FALSE(mapsContain("libtest_plugin_wrong_abi.so"));
  HttpClient client(host.port());
  CHECK(client.get("/healthz").status == 200);
}

TEST_CASE("a plugin that throws in start is unloaded, its routes and menu entries dropped") {
  TestHost::Options options;
  options.pluginsDir = std::string(UCF_TEST_PLUGIN_DIR) + "/throwing_start";
  TestHost host(options);
  CHECK(host.host().pluginIds().empty());
  CHECK_FALSE(mapsContain("libtest_plugin_throwing_start.so"));
  HttpClient client(host.port());
  CHECK(client.get("/throwing/hello").status == 404);
  CHECK(client.get("/healthz").status == 200);
  auto menu = client.get("/api/menu").body;
  CHECK(menu.find("throwing-item") == std::string::npos);
}

TEST_CASE("the request-body cap refuses an oversized Content-Length before reading it") {
  TestHost host;
  // Declare 13 MiB but send only the headers: the answer must come without the body.
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", host.port()));
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  std::string head =
      "POST /api/used-car-filing/v1/filings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nContent-Length: 13631488\r\n\r\n";
  socket.sendBytes(head.data(), static_cast<int>(head.size()));
  char buffer[4096];
  int n = socket.receiveBytes(buffer, sizeof buffer);
  std::string answer(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
  CHECK(answer.find("application/problem+json") != std::string::npos);
}

TEST_CASE("a configuration value that is not what the plugin takes refuses its start, naming the key") {
  ucf::test::TempDir dir;
  auto hostWith = [&](const std::string& poolSize) {
    const auto file = dir.path() / ("config-" + std::to_string(poolSize.size()) + ".json");
    std::ofstream(file) << R"({"plugins": {"used-car-filing": {"poolSize": ")" << poolSize << R"("}}})";
    TestHost::Options options;
    options.tune = [file](ucf::host::HostOptions& o) { o.configFile = file.string(); };
    return std::make_unique<TestHost>(options);
  };
  for (const std::string bad : {"abc", "12x", "0", "100000"}) {
    INFO(bad);
    auto host = hostWith(bad);
    CHECK(host->host().pluginIds().empty());  // refused, not run with a pool nobody chose
    CHECK(HttpClient(host->port()).get("/healthz").status == 200);
  }
  ucf::sdk::PluginConfig config;
  config.values["poolSize"] = "abc";
  CHECK_THROWS_WITH(ucf::configInt(config, "poolSize", 48, 1, 1024),
                    "configuration poolSize must be a whole number from 1 to 1024, not \"abc\"");
  config.values["poolSize"] = "8";
  CHECK(ucf::configInt(config, "poolSize", 48, 1, 1024) == 8);
  CHECK(ucf::configInt({}, "poolSize", 48, 1, 1024) == 48);
  CHECK(hostWith("8")->host().pluginIds() == std::vector<std::string>{"used-car-filing"});
}
