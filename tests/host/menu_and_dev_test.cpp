// The menu per principal through GET /api/menu (docs/PRODUCT.md §2, §7), and the dev endpoints:
// absent without --dev, validating what they provision, moving the host clock.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include <boost/json.hpp>

#include "tests/support/http_client.hpp"
#include "tests/support/login_steps.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;
using boost::json::object;

namespace {

constexpr const char* kUscc = "91350100M000100Y43";
constexpr const char* kNoCa = "未办理CA，仅可申请二手车出口企业备案";

/// The menu entry `id` anywhere in the tree, or null.
const boost::json::object* findItem(const boost::json::array& items, const std::string& id) {
  for (const auto& v : items) {
    const auto& o = v.as_object();
    if (o.at("id") == id.c_str()) return &o;
    if (const auto* children = o.if_contains("children")) {
      if (const auto* found = findItem(children->as_array(), id)) return found;
    }
  }
  return nullptr;
}

boost::json::array menuOf(HttpClient& client) {
  auto r = client.get("/api/menu");
  REQUIRE(r.status == 200);
  return r.json().at("items").as_array();
}

std::string codeOf(const HttpResult& r, const std::string& field) {
  if (r.status != 422) return "status " + std::to_string(r.status);
  auto body = r.json();
  for (const auto& e : body.at("errors").as_array()) {
    if (e.at("field") == field.c_str()) return std::string(e.at("code").as_string());
  }
  return "none";
}

}  // namespace

TEST_CASE("menu: a non-CA enterprise user sees 二手车备案 and the licence items disabled with the reason") {
  TestHost host;
  HttpClient client(host.port());
  REQUIRE(registerEnterprise(client, "acme01", "abc12345", kUscc, "厦门某某汽车贸易有限公司").status == 201);
  REQUIRE(loginWithPassword(client, "acme01", "abc12345").status == 200);
  auto items = menuOf(client);
  const auto* licence = findItem(items, "export-licence");
  REQUIRE(licence);
  CHECK(licence->at("label") == "出口许可证");
  const auto* apply = findItem(items, "export-licence-apply");
  REQUIRE(apply);
  CHECK(apply->at("disabled") == true);
  CHECK(apply->at("disabledReason") == kNoCa);
  const auto* filing = findItem(items, "used-car-filing");
  REQUIRE(filing);
  CHECK(filing->at("label") == "二手车备案");
  CHECK(filing->at("disabled") == false);
  CHECK(findItem(items, "used-car-filing-new"));
  CHECK(findItem(items, "used-car-filing-list"));
  CHECK_FALSE(findItem(items, "used-car-filing-review"));
  CHECK_FALSE(findItem(items, "used-car-filing-stats"));
  CHECK_FALSE(findItem(items, "enterprise-accounts"));  // only a CA user vouches for accounts
}

TEST_CASE("menu: a CA enterprise user has the licence items enabled") {
  TestHost host;
  HttpClient client(host.port());
  SoftEkey ekey = issueDevEkey(client, kUscc, "厦门某某汽车贸易有限公司", "lisi", "pass1234");
  REQUIRE(loginWithEkey(client, ekey, "pass1234").status == 200);
  auto items = menuOf(client);
  const auto* apply = findItem(items, "export-licence-apply");
  REQUIRE(apply);
  CHECK(apply->at("disabled") == false);
  CHECK_FALSE(apply->contains("disabledReason"));
  CHECK(findItem(items, "used-car-filing"));
  const auto* accounts = findItem(items, "enterprise-accounts");
  REQUIRE(accounts);
  CHECK(accounts->at("label") == "企业账号管理");
  CHECK(accounts->at("url") == "/app/enterprise/accounts");
}

TEST_CASE("menu: reviewers, recheckers and supervisors see 二手车备案审核 and 统计, and no enterprise items") {
  TestHost host;
  HttpClient client(host.port());
  auto role = GENERATE(as<std::string>{}, "reviewer", "rechecker", "supervisor");
  CAPTURE(role);
  REQUIRE(provisionAuthority(client, "officer1", "officer123", {role}, role == "supervisor" ? "" : "350000").status ==
          201);
  REQUIRE(loginWithPassword(client, "officer1", "officer123").status == 200);
  auto items = menuOf(client);
  const auto* review = findItem(items, "used-car-filing-review");
  REQUIRE(review);
  CHECK(review->at("label") == "二手车备案审核");
  const auto* stats = findItem(items, "used-car-filing-stats");
  REQUIRE(stats);
  CHECK(stats->at("label") == "统计");
  CHECK_FALSE(findItem(items, "used-car-filing"));
  CHECK_FALSE(findItem(items, "export-licence-apply"));
}

TEST_CASE("menu: without a session only the top entries show") {
  TestHost host;
  HttpClient client(host.port());
  auto items = menuOf(client);
  CHECK_FALSE(findItem(items, "used-car-filing"));
  CHECK_FALSE(findItem(items, "used-car-filing-review"));
}

TEST_CASE("dev endpoints answer 404 without --dev") {
  TestHost::Options options;
  options.dev = false;
  TestHost host(options);
  HttpClient client(host.port());
  CHECK(client.postJson("/api/dev/enterprise-certificates", object{}).status == 404);
  CHECK(client.postJson("/api/dev/ca-accounts", object{}).status == 404);
  CHECK(client.postJson("/api/dev/authority-accounts", object{}).status == 404);
  CHECK(client.put("/api/dev/clock", R"({"now":"2030-01-01T00:00:00Z"})").status == 404);
  CHECK_FALSE(std::filesystem::exists(host.dataDir() / "dev-ca"));
}

TEST_CASE("dev authority accounts: province required for reviewer and rechecker; supervisor alone, no province") {
  TestHost host;
  HttpClient client(host.port());
  CHECK(codeOf(provisionAuthority(client, "officer1", "officer123", {"reviewer"}, ""), "provinceCode") == "required");
  CHECK(codeOf(provisionAuthority(client, "officer1", "officer123", {"rechecker"}, "990000"), "provinceCode") ==
        "not_allowed");
  CHECK(codeOf(provisionAuthority(client, "officer1", "officer123", {"supervisor", "reviewer"}, "350000"), "roles") ==
        "not_allowed");
  CHECK(codeOf(provisionAuthority(client, "officer1", "officer123", {"supervisor"}, "350000"), "provinceCode") ==
        "not_allowed");
  CHECK(codeOf(provisionAuthority(client, "officer1", "officer123", {"enterprise"}, "350000"), "roles") ==
        "not_allowed");
  CHECK(codeOf(provisionAuthority(client, "officer1", "officer123", {}, "350000"), "roles") == "required");
  CHECK(codeOf(provisionAuthority(client, "officer1", "short", {"reviewer"}, "350000"), "password") == "too_short");

  auto created = provisionAuthority(client, "officer1", "officer123", {"reviewer", "rechecker"}, "350000");
  REQUIRE(created.status == 201);
  CHECK(created.json().at("roles") == boost::json::array{"reviewer", "rechecker"});

  SECTION("provisioning again replaces password and roles, and ends the account's sessions") {
    HttpClient officer(host.port());
    REQUIRE(loginWithPassword(officer, "officer1", "officer123").status == 200);
    auto updated = provisionAuthority(client, "officer1", "newpass123", {"reviewer"}, "110000");
    CHECK(updated.status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // past the session cache
    CHECK(officer.get("/api/session").status == 401);
    CHECK(loginWithPassword(officer, "officer1", "officer123").status == 401);
    auto login = loginWithPassword(officer, "officer1", "newpass123");
    REQUIRE(login.status == 200);
    CHECK(login.json().at("principal").at("provinceCode") == "110000");
    CHECK(login.json().at("principal").at("roles") == boost::json::array{"reviewer"});
  }
}

TEST_CASE("dev clock: PUT /api/dev/clock moves the host clock") {
  TestHost host;
  HttpClient client(host.port());
  auto r = client.put("/api/dev/clock", R"({"now":"2030-01-01T08:00:00+08:00"})");
  REQUIRE(r.status == 200);
  CHECK(std::string(r.json().at("now").as_string()).rfind("2030-01-01T00:00:0", 0) == 0);
  auto now = host.host().clock().now();
  auto expected = std::chrono::sys_days(std::chrono::year(2030) / 1 / 1);
  CHECK(std::chrono::abs(now - expected) < std::chrono::seconds(5));
  CHECK(codeOf(client.put("/api/dev/clock", R"({"now":"2030-01-01"})"), "now") == "invalid_format");
  CHECK(codeOf(client.put("/api/dev/clock", R"({})"), "now") == "required");
}
