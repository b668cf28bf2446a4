// Non-CA enterprise accounts and authority accounts (docs/PRODUCT.md §2, §7): captcha, registration,
// account + password + captcha login, lockout, and how passwords are stored. Real HTTP.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/json.hpp>

#include "mock-host/auth/password_hasher.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/login_steps.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;
using boost::json::object;

namespace {

constexpr const char* kUscc = "91350100M000100Y43";
constexpr const char* kName = "厦门某某汽车贸易有限公司";

object validRegistration(const Captcha& c) {
  return object{{"account", "acme01"},
                {"password", "abc12345"},
                {"accountType", "enterprise"},
                {"enterpriseName", kName},
                {"uscc", kUscc},
                {"contactName", "张三"},
                {"contactMobile", "13800138000"},
                {"contactEmail", "zhangsan@example.com"},
                {"captchaId", c.id},
                {"captcha", c.answer}};
}

/// field → code of a 422's `errors`.
std::map<std::string, std::string> errorsOf(const HttpResult& r) {
  std::map<std::string, std::string> out;
  auto body = r.json();
  for (const auto& e : body.at("errors").as_array()) {
    out[std::string(e.at("field").as_string())] = std::string(e.at("code").as_string());
  }
  return out;
}

bool isProblem(const HttpResult& r) { return r.header("content-type").rfind("application/problem+json", 0) == 0; }

HttpResult loginWith(HttpClient& client, const std::string& account, const std::string& password) {
  Captcha c = freshCaptcha(client);
  return client.postJson(
      "/api/auth/login",
      object{{"account", account}, {"password", password}, {"captchaId", c.id}, {"captcha", c.answer}});
}

}  // namespace

TEST_CASE("the captcha is an SVG data URL with a single-use id; dev mode adds the answer") {
  TestHost host;
  HttpClient client(host.port());
  auto r = client.get("/api/auth/captcha");
  REQUIRE(r.status == 200);
  auto o = r.json().as_object();
  CHECK(o.at("captchaId").as_string().size() >= 16);
  std::string image(o.at("image").as_string());
  CHECK(image.rfind("data:image/svg+xml;base64,", 0) == 0);
  std::string svg = fromBase64(image.substr(std::string("data:image/svg+xml;base64,").size()));
  CHECK(svg.rfind("<svg", 0) == 0);
  std::string answer(o.at("answer").as_string());
  CHECK(answer.size() == 5);
  CHECK(svg.find(answer) == std::string::npos);  // drawn as strokes, not text
  CHECK(client.get("/api/auth/captcha").json().at("captchaId") != o.at("captchaId"));

  TestHost::Options production;
  production.dev = false;
  TestHost plain(production);
  HttpClient other(plain.port());
  auto p = other.get("/api/auth/captcha");
  REQUIRE(p.status == 200);
  CHECK_FALSE(p.json().as_object().contains("answer"));
}

TEST_CASE("registration creates an enterprise account that logs in with password and captcha") {
  TestHost host;
  HttpClient client(host.port());
  auto r = client.postJson("/api/auth/register", validRegistration(freshCaptcha(client)));
  REQUIRE(r.status == 201);
  CHECK(r.json().at("account") == "acme01");

  auto login = loginWith(client, "acme01", "abc12345");
  REQUIRE(login.status == 200);
  auto principal = login.json().at("principal").as_object();
  CHECK(principal.at("account") == "acme01");
  CHECK(principal.at("kind") == "registered");
  CHECK(principal.at("roles") == boost::json::array{"enterprise"});
  CHECK(principal.at("uscc") == kUscc);
  CHECK(principal.at("enterpriseName") == kName);
  CHECK(principal.at("displayName") == "张三");
  CHECK(principal.at("provinceCode").is_null());
  CHECK(principal.at("userId").as_string().size() > 0);
  CHECK(login.json().at("csrfToken").as_string().size() >= 32);

  SECTION("a 机电 account registers and logs in the same way") {
    Captcha c = freshCaptcha(client);
    object body = validRegistration(c);
    body["account"] = "mech01";
    body["accountType"] = "mech_elec";
    REQUIRE(client.postJson("/api/auth/register", body).status == 201);
    CHECK(loginWith(client, "mech01", "abc12345").json().at("principal").at("roles") ==
          boost::json::array{"enterprise"});
  }
  SECTION("a second account may register for the same USCC; the same account name may not (409)") {
    Captcha c = freshCaptcha(client);
    object body = validRegistration(c);
    body["account"] = "acme02";
    CHECK(client.postJson("/api/auth/register", body).status == 201);
    auto again = client.postJson("/api/auth/register", validRegistration(freshCaptcha(client)));
    CHECK(again.status == 409);
    CHECK(isProblem(again));
  }
}

TEST_CASE("registration answers 422 naming each bad field") {
  TestHost host;
  HttpClient client(host.port());

  SECTION("every member wrong at once") {
    Captcha c = freshCaptcha(client);
    auto r = client.postJson("/api/auth/register", object{{"account", "a!"},
                                                          {"password", "short"},
                                                          {"accountType", "personal"},
                                                          {"enterpriseName", ""},
                                                          {"uscc", "91350100M000100Y44"},
                                                          {"contactName", ""},
                                                          {"contactMobile", "12345"},
                                                          {"contactEmail", "not-an-email"},
                                                          {"captchaId", c.id},
                                                          {"captcha", c.answer}});
    REQUIRE(r.status == 422);
    CHECK(isProblem(r));
    auto errors = errorsOf(r);
    CHECK(errors.size() == 8);
    CHECK(errors["account"] == "too_short");
    CHECK(errors["password"] == "too_short");
    CHECK(errors["accountType"] == "not_allowed");
    CHECK(errors.count("enterpriseName") == 1);
    CHECK(errors["uscc"] == "invalid_checksum");
    CHECK(errors.count("contactName") == 1);
    CHECK(errors["contactMobile"] == "invalid_format");
    CHECK(errors["contactEmail"] == "invalid_format");
    CHECK(errors.count("captcha") == 0);
  }
  SECTION("a password needs letters and digits; a USCC its alphabet and length") {
    object body = validRegistration(freshCaptcha(client));
    body["password"] = "onlyletters";
    body["uscc"] = "9135010OM000100Y43";
    auto errors = errorsOf(client.postJson("/api/auth/register", body));
    CHECK(errors["password"] == "invalid_format");
    CHECK(errors["uscc"] == "invalid_format");
    body = validRegistration(freshCaptcha(client));
    body["password"] = "12345678";
    body["uscc"] = "91350100M000100Y4";
    errors = errorsOf(client.postJson("/api/auth/register", body));
    CHECK(errors["password"] == "invalid_format");
    CHECK(errors["uscc"] == "invalid_format");
  }
  SECTION("missing members, wrong types and unknown members are named") {
    Captcha c = freshCaptcha(client);
    auto r = client.postJson("/api/auth/register",
                             object{{"account", 12}, {"captchaId", c.id}, {"captcha", c.answer}, {"admin", true}});
    REQUIRE(r.status == 422);
    auto errors = errorsOf(r);
    CHECK(errors["account"] == "invalid_type");
    CHECK(errors["password"] == "required");
    CHECK(errors["contactEmail"] == "required");
    CHECK(errors["admin"] == "unknown_field");
  }
  SECTION("a wrong captcha is the field captcha, and uses the captcha up") {
    Captcha c = freshCaptcha(client);
    object body = validRegistration(c);
    body["captcha"] = c.answer == "AAAAA" ? "BBBBB" : "AAAAA";
    auto r = client.postJson("/api/auth/register", body);
    REQUIRE(r.status == 422);
    CHECK(errorsOf(r) == std::map<std::string, std::string>{{"captcha", "mismatch"}});
    auto again = client.postJson("/api/auth/register", validRegistration(c));
    REQUIRE(again.status == 422);
    CHECK(errorsOf(again) == std::map<std::string, std::string>{{"captcha", "expired"}});
  }
  SECTION("a used captcha is refused as the field captcha") {
    Captcha c = freshCaptcha(client);
    REQUIRE(client.postJson("/api/auth/register", validRegistration(c)).status == 201);
    object body = validRegistration(c);
    body["account"] = "acme02";
    auto r = client.postJson("/api/auth/register", body);
    REQUIRE(r.status == 422);
    CHECK(errorsOf(r).count("captcha") == 1);
  }
  SECTION("the captcha answer is not case-sensitive") {
    Captcha c = freshCaptcha(client);
    object body = validRegistration(c);
    std::string lower = c.answer;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    body["captcha"] = lower;
    CHECK(client.postJson("/api/auth/register", body).status == 201);
  }
  SECTION("malformed JSON is a 400 problem") {
    auto r = client.post("/api/auth/register", "{\"account\":");
    CHECK(r.status == 400);
    CHECK(isProblem(r));
  }
}

TEST_CASE("an expired captcha is refused (5 minutes by the host clock)") {
  TestHost host;
  HttpClient client(host.port());
  Captcha c = freshCaptcha(client);
  host.host().clock().moveTo(std::chrono::system_clock::now() + std::chrono::minutes(6));
  auto r = client.postJson("/api/auth/register", validRegistration(c));
  REQUIRE(r.status == 422);
  CHECK(errorsOf(r).count("captcha") == 1);
}

TEST_CASE("login: the same 401 for an unknown account and a wrong password; captcha problems are 422") {
  TestHost host;
  HttpClient client(host.port());
  REQUIRE(registerEnterprise(client, "acme01", "abc12345", kUscc, kName).status == 201);

  auto wrong = loginWith(client, "acme01", "abc12345x");
  auto unknown = loginWith(client, "nobody01", "abc12345");
  CHECK(wrong.status == 401);
  CHECK(unknown.status == 401);
  CHECK(wrong.body == unknown.body);
  CHECK(isProblem(wrong));
  CHECK(wrong.header("set-cookie").empty());

  Captcha c = freshCaptcha(client);
  auto badCaptcha =
      client.postJson("/api/auth/login",
                      object{{"account", "acme01"}, {"password", "abc12345"}, {"captchaId", c.id}, {"captcha", "?"}});
  REQUIRE(badCaptcha.status == 422);
  CHECK(errorsOf(badCaptcha).count("captcha") == 1);
  auto reused = client.postJson(
      "/api/auth/login",
      object{{"account", "acme01"}, {"password", "abc12345"}, {"captchaId", c.id}, {"captcha", c.answer}});
  REQUIRE(reused.status == 422);
  CHECK(errorsOf(reused).count("captcha") == 1);

  auto missing = client.postJson("/api/auth/login", object{{"account", "acme01"}});
  REQUIRE(missing.status == 422);
  auto errors = errorsOf(missing);
  CHECK(errors.count("password") == 1);
  CHECK(errors.count("captchaId") == 1);
}

TEST_CASE("five failed logins within 15 minutes lock the account for 15 minutes (429)") {
  TestHost host;
  HttpClient client(host.port());
  REQUIRE(registerEnterprise(client, "acme01", "abc12345", kUscc, kName).status == 201);
  auto start = std::chrono::system_clock::now();
  host.host().clock().moveTo(start);

  for (int i = 0; i < 5; ++i) CHECK(loginWith(client, "acme01", "wrong1234").status == 401);
  auto locked = loginWith(client, "acme01", "abc12345");
  CHECK(locked.status == 429);
  CHECK(isProblem(locked));
  CHECK_FALSE(locked.header("retry-after").empty());
  CHECK(locked.header("set-cookie").empty());

  host.host().clock().moveTo(start + std::chrono::minutes(14));
  CHECK(loginWith(client, "acme01", "abc12345").status == 429);
  host.host().clock().moveTo(start + std::chrono::minutes(16));
  CHECK(loginWith(client, "acme01", "abc12345").status == 200);

  SECTION("failures spread over more than 15 minutes do not lock") {
    auto t = start + std::chrono::hours(1);
    for (int i = 0; i < 4; ++i) {
      host.host().clock().moveTo(t + std::chrono::minutes(5 * i));
      CHECK(loginWith(client, "acme01", "wrong1234").status == 401);
    }
    host.host().clock().moveTo(t + std::chrono::minutes(16));
    CHECK(loginWith(client, "acme01", "wrong1234").status == 401);
    CHECK(loginWith(client, "acme01", "abc12345").status == 200);
  }
  SECTION("unknown accounts lock the same way, so the lock tells nothing") {
    for (int i = 0; i < 5; ++i) CHECK(loginWith(client, "ghost001", "wrong1234").status == 401);
    CHECK(loginWith(client, "ghost001", "wrong1234").status == 429);
  }
  SECTION("a success resets the count") {
    for (int i = 0; i < 4; ++i) CHECK(loginWith(client, "acme01", "wrong1234").status == 401);
    CHECK(loginWith(client, "acme01", "abc12345").status == 200);
    for (int i = 0; i < 4; ++i) CHECK(loginWith(client, "acme01", "wrong1234").status == 401);
    CHECK(loginWith(client, "acme01", "abc12345").status == 200);
  }
}

TEST_CASE("authority accounts log in with password and captcha and carry roles and province") {
  TestHost host;
  HttpClient client(host.port());
  REQUIRE(provisionAuthority(client, "fj-review", "review123", {"reviewer", "rechecker"}, "350000").status == 201);
  REQUIRE(provisionAuthority(client, "mofcom01", "super1234", {"supervisor"}, "").status == 201);

  auto reviewer = loginWith(client, "fj-review", "review123");
  REQUIRE(reviewer.status == 200);
  auto p = reviewer.json().at("principal").as_object();
  CHECK(p.at("kind") == "registered");
  CHECK(p.at("roles") == boost::json::array{"reviewer", "rechecker"});
  CHECK(p.at("provinceCode") == "350000");
  CHECK(p.at("uscc").is_null());

  auto supervisor = loginWith(client, "mofcom01", "super1234");
  REQUIRE(supervisor.status == 200);
  CHECK(supervisor.json().at("principal").at("roles") == boost::json::array{"supervisor"});
  CHECK(supervisor.json().at("principal").at("provinceCode").is_null());
}

TEST_CASE("passwords are stored only as salted PBKDF2-SHA256 hashes with a high default iteration count") {
  STATIC_REQUIRE(ucf::host::auth::kDefaultPbkdf2Iterations >= 100'000);
  TestHost::Options options;
  options.pbkdf2Iterations = 0;  // the production default
  TestHost host(options);
  HttpClient client(host.port());
  REQUIRE(registerEnterprise(client, "acme01", "abc12345", kUscc, kName).status == 201);
  REQUIRE(registerEnterprise(client, "acme02", "abc12345", kUscc, kName).status == 201);
  auto started = std::chrono::steady_clock::now();
  REQUIRE(loginWith(client, "acme01", "abc12345").status == 200);
  auto elapsed = std::chrono::steady_clock::now() - started;
  WARN("a login with the default iteration count took "
       << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms");

  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session db("SQLite", (host.dataDir() / "host.sqlite").string());
  std::vector<std::string> hashes;
  db << "SELECT password_hash FROM host_accounts ORDER BY account", Poco::Data::Keywords::into(hashes),
      Poco::Data::Keywords::now;
  REQUIRE(hashes.size() == 2);
  for (const auto& h : hashes) {
    CHECK(h.rfind("pbkdf2-sha256$" + std::to_string(ucf::host::auth::kDefaultPbkdf2Iterations) + "$", 0) == 0);
    CHECK(h.find("abc12345") == std::string::npos);
  }
  CHECK(hashes[0] != hashes[1]);  // salted: the same password hashes differently
}
