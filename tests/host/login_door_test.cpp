// The endpoints that need no CSRF token (docs/PRODUCT.md §7.1): POST and PUT must be application/json and
// same-site, so that another site's page cannot post a login form (text/plain needs no CORS
// preflight) or drive the dev endpoints from a developer's browser. Real HTTP.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <boost/json/serialize.hpp>

#include "tests/support/http_client.hpp"
#include "tests/support/login_steps.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;
using boost::json::object;

namespace {

std::string loginBody(HttpClient& client) {
  Captcha c = freshCaptcha(client);
  return boost::json::serialize(
      object{{"account", "nobody01"}, {"password", "abc12345"}, {"captchaId", c.id}, {"captcha", c.answer}});
}

bool isProblem(const HttpResult& r) { return r.header("content-type").rfind("application/problem+json", 0) == 0; }

}  // namespace

TEST_CASE("login doors: only same-site application/json POST and PUT reach them") {
  TestHost host;
  HttpClient client(host.port());
  const std::string self = "http://127.0.0.1:" + std::to_string(host.port());

  SECTION("a cross-site text/plain login is refused (403) before the handler sees it") {
    auto r = client.post("/api/auth/login", loginBody(client), {{"Origin", "https://evil.example"}}, "text/plain");
    CHECK(r.status == 403);
    CHECK(isProblem(r));
    CHECK(r.header("set-cookie").empty());
  }
  SECTION("Sec-Fetch-Site: cross-site is refused, whatever the media type") {
    CHECK(client.post("/api/auth/login", loginBody(client), {{"Sec-Fetch-Site", "cross-site"}}).status == 403);
  }
  SECTION("an Origin of another port or scheme, or null, is another site") {
    CHECK(client.post("/api/auth/login", loginBody(client), {{"Origin", "http://127.0.0.1:1"}}).status == 403);
    CHECK(client.post("/api/auth/login", loginBody(client), {{"Origin", "https://127.0.0.1"}}).status == 403);
    CHECK(client.post("/api/auth/login", loginBody(client), {{"Origin", "null"}}).status == 403);
  }
  SECTION("a same-site text/plain or form login is 415 problem+json") {
    auto r = client.post("/api/auth/login", loginBody(client), {{"Origin", self}}, "text/plain");
    CHECK(r.status == 415);
    CHECK(isProblem(r));
    CHECK(client.post("/api/auth/login", "account=a", {}, "application/x-www-form-urlencoded").status == 415);
    CHECK(client.post("/api/auth/register", "{}", {}, "multipart/form-data; boundary=x").status == 415);
    CHECK(client.post("/api/auth/ca/challenge", "{}", {}, "").status == 415);
    CHECK(client.post("/api/auth/ca/login", "{}", {}, "application/jsonx").status == 415);
  }
  SECTION("application/json with parameters, same-site or without Origin, reaches the handler") {
    CHECK(client
              .post("/api/auth/login", loginBody(client), {{"Origin", self}, {"Sec-Fetch-Site", "same-origin"}},
                    "application/json; charset=utf-8")
              .status == 401);
    CHECK(client.post("/api/auth/login", loginBody(client), {}, "Application/JSON").status == 401);
  }
  SECTION("GET is not affected") {
    CHECK(client.get("/api/auth/captcha", {{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"}})
              .status == 200);
  }
  SECTION("under --dev a cross-site authority-account creation is refused and creates nothing") {
    const std::string body = R"({"account":"evil-sup","password":"abc12345","roles":["supervisor"]})";
    CHECK(client.post("/api/dev/authority-accounts", body, {{"Origin", "https://evil.example"}}).status == 403);
    CHECK(client.post("/api/dev/authority-accounts", body, {}, "text/plain").status == 415);
    CHECK(client.put("/api/dev/clock", R"({"now":"2030-01-01T00:00:00+08:00"})", {{"Sec-Fetch-Site", "cross-site"}})
              .status == 403);
    // Created only now: the refused requests made nothing (201, not 200 for an existing one).
    CHECK(client.post("/api/dev/authority-accounts", body, {{"Origin", self}}).status == 201);
  }
}
