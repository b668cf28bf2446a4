// Sessions (docs/PRODUCT.md §7): the cookie, CSRF tokens checked by the host before any handler, logout,
// idle and absolute expiry by the host clock, and sessions shared through the host database.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/json.hpp>

#include "tests/support/http_client.hpp"
#include "tests/support/login_steps.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;
using std::chrono::minutes;
using std::chrono::system_clock;

namespace {

constexpr const char* kUscc = "91350100M000100Y43";

/// A host with one registered enterprise account, `acme01` / `abc12345`.
struct Fixture {
  TestHost host;
  HttpClient client{host.port()};
  Fixture() {
    REQUIRE(registerEnterprise(client, "acme01", "abc12345", kUscc, "厦门某某汽车贸易有限公司").status == 201);
  }
  void at(system_clock::time_point t) { host.host().clock().moveTo(t); }
};

/// A POST route of the plugin that needs a session (any will do: the host refuses first).
std::string pluginPostPath(TestHost& host) {
  for (const auto& e : host.host().routes().entries()) {
    if (e.owner != "host" && e.spec.method == "POST" && e.spec.access == ucf::sdk::RouteAccess::kAuthenticated) {
      std::string path;
      for (const auto& segment : e.segments) path += "/" + (segment.front() == '{' ? std::string("1") : segment);
      return path;
    }
  }
  return {};
}

Poco::Int64 lastSeenOf(TestHost& host) {
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session db("SQLite", (host.dataDir() / "host.sqlite").string());
  Poco::Int64 lastSeen = 0;
  db << "SELECT MAX(last_seen_at_ms) FROM host_sessions", Poco::Data::Keywords::into(lastSeen),
      Poco::Data::Keywords::now;
  return lastSeen;
}

}  // namespace

TEST_CASE("login sets an HttpOnly, SameSite=Strict session cookie with a fresh 256-bit id") {
  Fixture f;
  auto login = loginWithPassword(f.client, "acme01", "abc12345");
  REQUIRE(login.status == 200);
  std::string cookie = login.header("set-cookie");
  CHECK(cookie.rfind("ucf_session=", 0) == 0);
  CHECK(cookie.find("; HttpOnly") != std::string::npos);
  CHECK(cookie.find("; SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("; Path=/") != std::string::npos);
  std::string first = f.client.cookies().at("ucf_session");
  CHECK(first.size() >= 43);  // 32 random bytes, base64url

  auto session = f.client.get("/api/session");
  REQUIRE(session.status == 200);
  CHECK(session.json().at("principal").at("account") == "acme01");
  CHECK(session.json().at("csrfToken") == login.json().at("csrfToken"));

  SECTION("every login makes a new id and ends the session the client held") {
    HttpClient old(f.host.port());
    old.cookies() = f.client.cookies();
    REQUIRE(loginWithPassword(f.client, "acme01", "abc12345").status == 200);
    CHECK(f.client.cookies().at("ucf_session") != first);
    CHECK(f.client.get("/api/session").status == 200);
    CHECK(old.get("/api/session").status == 401);
  }
  SECTION("another browser's login is a session of its own") {
    HttpClient second(f.host.port());
    REQUIRE(loginWithPassword(second, "acme01", "abc12345").status == 200);
    CHECK(second.cookies().at("ucf_session") != first);
    CHECK(f.client.get("/api/session").status == 200);
    CHECK(second.get("/api/session").json().at("csrfToken") != session.json().at("csrfToken"));
  }
}

TEST_CASE("GET /api/session is 401 problem+json without a session or with an unknown one") {
  Fixture f;
  auto none = f.client.get("/api/session");
  CHECK(none.status == 401);
  CHECK(none.header("content-type").rfind("application/problem+json", 0) == 0);
  f.client.cookies()["ucf_session"] = "not-a-session";
  CHECK(f.client.get("/api/session").status == 401);
}

TEST_CASE("the host checks the CSRF token of state-changing requests before any handler") {
  Fixture f;
  REQUIRE(loginWithPassword(f.client, "acme01", "abc12345").status == 200);
  std::string token = f.client.csrfToken();

  f.client.csrfToken().clear();
  auto missing = f.client.post("/api/auth/logout", "");
  CHECK(missing.status == 403);
  CHECK(missing.header("content-type").rfind("application/problem+json", 0) == 0);
  f.client.csrfToken() = token + "x";
  CHECK(f.client.post("/api/auth/logout", "").status == 403);
  CHECK(f.client.get("/api/session").status == 200);  // still logged in; GET needs no token

  std::string pluginPath = pluginPostPath(f.host);
  REQUIRE_FALSE(pluginPath.empty());
  CAPTURE(pluginPath);
  f.client.csrfToken().clear();
  CHECK(f.client.post(pluginPath, "{}").status == 403);
  f.client.csrfToken() = "wrong";
  CHECK(f.client.post(pluginPath, "{}").status == 403);

  // The login endpoints need no token even with a session.
  CHECK(loginWithPassword(f.client, "acme01", "abc12345").status == 200);
}

TEST_CASE("logout ends the session at once and clears the cookie") {
  Fixture f;
  REQUIRE(loginWithPassword(f.client, "acme01", "abc12345").status == 200);
  HttpClient copy(f.host.port());
  copy.cookies() = f.client.cookies();
  REQUIRE(copy.get("/api/session").status == 200);  // now cached on this host

  auto out = f.client.post("/api/auth/logout", "");
  CHECK(out.status == 204);
  CHECK(out.header("set-cookie").find("Max-Age=0") != std::string::npos);
  CHECK(f.client.cookies().count("ucf_session") == 0);
  CHECK(copy.get("/api/session").status == 401);
  CHECK(f.client.get("/api/session").status == 401);
  // Without a session, logout is harmless.
  CHECK(f.client.post("/api/auth/logout", "").status == 204);
}

TEST_CASE("a session ends after 30 idle minutes by the host clock") {
  Fixture f;
  auto t0 = system_clock::now();
  f.at(t0);
  REQUIRE(loginWithPassword(f.client, "acme01", "abc12345").status == 200);

  SECTION("requests keep it alive") {
    f.at(t0 + minutes(29));
    CHECK(f.client.get("/api/session").status == 200);
    f.at(t0 + minutes(58));
    CHECK(f.client.get("/api/session").status == 200);
    f.at(t0 + minutes(87));
    CHECK(f.client.get("/api/session").status == 200);
    f.at(t0 + minutes(87 + 31));
    CHECK(f.client.get("/api/session").status == 401);
  }
  SECTION("31 minutes without a request end it") {
    f.at(t0 + minutes(31));
    CHECK(f.client.get("/api/session").status == 401);
    f.at(t0);
    CHECK(f.client.get("/api/session").status == 401);  // gone for good
  }
  SECTION("plugin routes see no principal after expiry") {
    f.at(t0 + minutes(31));
    CHECK(f.client.get("/api/used-car-filing/v1/meta/form").status == 401);
  }
}

TEST_CASE("a session ends 12 hours after login however busy") {
  Fixture f;
  auto t0 = system_clock::now();
  f.at(t0);
  REQUIRE(loginWithPassword(f.client, "acme01", "abc12345").status == 200);
  for (int m = 20; m < 12 * 60; m += 20) {
    f.at(t0 + minutes(m));
    REQUIRE(f.client.get("/api/session").status == 200);
  }
  f.at(t0 + std::chrono::hours(12) + std::chrono::seconds(5));  // the login came a moment after t0
  CHECK(f.client.get("/api/session").status == 401);
}

TEST_CASE("the idle timer is written at most about once a minute, not on every request") {
  Fixture f;
  auto t0 = system_clock::now();
  f.at(t0);
  REQUIRE(loginWithPassword(f.client, "acme01", "abc12345").status == 200);
  Poco::Int64 atLogin = lastSeenOf(f.host);
  for (int i = 0; i < 20; ++i) REQUIRE(f.client.get("/api/session").status == 200);
  f.at(t0 + std::chrono::seconds(30));
  REQUIRE(f.client.get("/api/session").status == 200);
  CHECK(lastSeenOf(f.host) == atLogin);
  f.at(t0 + std::chrono::seconds(62));
  REQUIRE(f.client.get("/api/session").status == 200);
  Poco::Int64 touched = lastSeenOf(f.host);
  CHECK(touched >= atLogin + 60'000);
  for (int i = 0; i < 20; ++i) REQUIRE(f.client.get("/api/session").status == 200);
  CHECK(lastSeenOf(f.host) == touched);
}

TEST_CASE("sessions live in the host database: they survive a restart and are shared by hosts over it") {
  Fixture f;
  REQUIRE(loginWithPassword(f.client, "acme01", "abc12345").status == 200);
  auto cookies = f.client.cookies();

  SECTION("restart") {
    f.host.restart();
    HttpClient again(f.host.port());
    again.cookies() = cookies;
    CHECK(again.get("/api/session").status == 200);
  }
  SECTION("a second host over the same database") {
    TestHost::Options options;
    options.db = "sqlite:" + (f.host.dataDir() / "host.sqlite").string();
    TestHost second(options);
    HttpClient there(second.port());
    there.cookies() = cookies;
    REQUIRE(there.get("/api/session").status == 200);
    REQUIRE(f.client.post("/api/auth/logout", "").status == 204);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // past the other host's cache
    CHECK(there.get("/api/session").status == 401);
  }
}
