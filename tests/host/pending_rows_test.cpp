// Captchas and e-key challenges are issued to anyone who asks (docs/PRODUCT.md §7.1): the host keeps a
// bounded number of them and removes expired ones, so anonymous requests cannot grow its
// database without limit. Real HTTP, and the real SQLite file read back.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/json.hpp>

#include "tests/support/http_client.hpp"
#include "tests/support/login_steps.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;
using boost::json::object;

namespace {

int rowsOf(TestHost& host, const std::string& table) {
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session db("SQLite", (host.dataDir() / "host.sqlite").string());
  int count = 0;
  db << "SELECT COUNT(*) FROM " + table, Poco::Data::Keywords::into(count), Poco::Data::Keywords::now;
  return count;
}

HttpResult loginWithCaptcha(HttpClient& client, const Captcha& c) {
  return client.postJson(
      "/api/auth/login",
      object{{"account", "nobody01"}, {"password", "abc12345"}, {"captchaId", c.id}, {"captcha", c.answer}});
}

std::string captchaCode(const HttpResult& r) {
  if (r.status != 422) return "status " + std::to_string(r.status);
  return std::string(r.json().at("errors").at(0).at("code").as_string());
}

}  // namespace

TEST_CASE("unanswered captchas and challenges are bounded, and expired ones removed") {
  TestHost::Options options;
  options.tune = [](ucf::host::HostOptions& o) {
    o.maxPendingCaptchas = 20;
    o.maxPendingChallenges = 5;
  };
  TestHost host(options);
  HttpClient client(host.port());
  auto start = std::chrono::system_clock::now();
  host.host().clock().moveTo(start);

  SECTION("captchas") {
    Captcha first = freshCaptcha(client);
    for (int i = 0; i < 60; ++i) {
      host.host().clock().moveTo(start + std::chrono::milliseconds(10 * (i + 1)));
      freshCaptcha(client);
    }
    Captcha last = freshCaptcha(client);
    CHECK(rowsOf(host, "host_captchas") <= 20);
    CHECK(captchaCode(loginWithCaptcha(client, first)) == "expired");  // dropped as the oldest
    CHECK(loginWithCaptcha(client, last).status == 401);               // the captcha passed

    host.host().clock().moveTo(start + std::chrono::minutes(6));
    freshCaptcha(client);
    CHECK(rowsOf(host, "host_captchas") == 1);  // every other one had expired
  }
  SECTION("e-key challenges") {
    SoftEkey ekey = issueDevEkey(client, "91350100M000100Y43", "厦门某某汽车贸易有限公司", "lisi", "pass1234");
    // Steps of 5 s: the host clock keeps flowing after a move, so steps shorter than a request
    // could give two challenges the same millisecond (or reorder them) and prune one too many.
    for (int i = 0; i < 12; ++i) {
      host.host().clock().moveTo(start + std::chrono::seconds(5 * (i + 1)));
      REQUIRE(client.postJson("/api/auth/ca/challenge", object{{"certificate", ekey.certificatePem}}).status == 200);
    }
    CHECK(rowsOf(host, "host_ca_challenges") == 5);
    CHECK(loginWithEkey(client, ekey, "pass1234").status == 200);  // the newest still answers

    host.host().clock().moveTo(start + std::chrono::minutes(4));  // over 2 minutes after the last
    REQUIRE(client.postJson("/api/auth/ca/challenge", object{{"certificate", ekey.certificatePem}}).status == 200);
    CHECK(rowsOf(host, "host_ca_challenges") == 1);
  }
}
