// The mock host's own tables on a real PostgreSQL server (UCF_TEST_PG_URI; scripts/test.sh
// starts a throwaway one): several hosts over one database behave as one login system —
// sessions, captchas, e-key challenges and lockouts are shared, and each is still single-use.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <thread>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/json.hpp>

#include "mock-host/auth/host_database.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/login_steps.hpp"
#include "tests/support/pg_schema.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;
using boost::json::object;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

namespace {

// The shared PgSchema, with the host tests' name for it.
using HostSchema = PgSchema;

TestHost::Options over(const HostSchema& schema) {
  TestHost::Options o;
  o.db = schema.uri();
  return o;
}

}  // namespace

TEST_CASE("two hosts over one PostgreSQL share sessions, and a logout at one ends it at both") {
  HostSchema schema;
  TestHost a(over(schema));
  TestHost b(over(schema));
  HttpClient atA(a.port());
  HttpClient atB(b.port());
  REQUIRE(registerEnterprise(atA, "acme01", "abc12345", "91350100M000100Y43", "某公司").status == 201);
  CHECK(registerEnterprise(atB, "acme01", "abc12345", "91350100M000100Y43", "某公司").status == 409);

  // A captcha drawn by A is answered at B, once.
  Captcha c = freshCaptcha(atA);
  object body{{"account", "acme01"}, {"password", "abc12345"}, {"captchaId", c.id}, {"captcha", c.answer}};
  auto login = atB.postJson("/api/auth/login", body);
  REQUIRE(login.status == 200);
  CHECK(atA.postJson("/api/auth/login", body).status == 422);
  atB.csrfToken() = std::string(login.json().at("csrfToken").as_string());

  atA.cookies() = atB.cookies();
  auto there = atA.get("/api/session");
  REQUIRE(there.status == 200);
  CHECK(there.json().at("principal").at("account") == "acme01");

  REQUIRE(atB.post("/api/auth/logout", "").status == 204);
  // A cached the session; B's logout reaches it by notification (session_changes_test.cpp).
  CHECK(eventually([&] { return atA.get("/api/session").status == 401; }));
  // Each migration ran once although two hosts started over the schema.
  auto files = std::distance(
      std::filesystem::directory_iterator(std::string(UCF_SOURCE_DIR) + "/mock-host/migrations/postgresql"),
      std::filesystem::directory_iterator());
  CHECK(schema.count("SELECT COUNT(*) FROM " + schema.name() + ".host_schema_migrations") == files);
}

TEST_CASE("two hosts over one PostgreSQL count failed logins together and share single-use challenges") {
  HostSchema schema;
  TestHost a(over(schema));
  HttpClient atA(a.port());
  TestHost::Options options = over(schema);
  options.trustedCaFiles = {(a.dataDir() / "dev-ca" / "ca-cert.pem").string()};  // A's dev CA
  TestHost b(options);
  HttpClient atB(b.port());

  REQUIRE(provisionAuthority(atA, "rev01", "review123", {"reviewer"}, "350000").status == 201);
  for (int i = 0; i < 3; ++i) CHECK(loginWithPassword(atA, "rev01", "wrong1234").status == 401);
  for (int i = 0; i < 2; ++i) CHECK(loginWithPassword(atB, "rev01", "wrong1234").status == 401);
  CHECK(loginWithPassword(atA, "rev01", "review123").status == 429);

  SoftEkey ekey = issueDevEkey(atA, "91110000600037341L", "北京某公司", "wangwu", "pass1234");
  auto challenge = atA.postJson("/api/auth/ca/challenge", object{{"certificate", ekey.certificatePem}});
  REQUIRE(challenge.status == 200);
  std::string nonce = fromBase64(std::string(challenge.json().at("nonce").as_string()));
  object answer{{"challengeId", challenge.json().at("challengeId")},
                {"signature", toBase64(signSha256(ekey.privateKeyPem, nonce))},
                {"password", "pass1234"}};
  auto login = atB.postJson("/api/auth/ca/login", answer);
  REQUIRE(login.status == 200);
  CHECK(login.json().at("principal").at("kind") == "ca");
  CHECK(atA.postJson("/api/auth/ca/login", answer).status == 401);  // replay at the other host
}

TEST_CASE("two hosts over one PostgreSQL throttle a client address together") {
  HostSchema schema;
  TestHost a(over(schema));
  TestHost b(over(schema));
  HttpClient atA(a.port());
  HttpClient atB(b.port());
  REQUIRE(provisionAuthority(atA, "rev01", "review123", {"reviewer"}, "350000").status == 201);
  // 25 failures at each host, each name failing once: only the address reaches its limit.
  for (int i = 0; i < 25; ++i) {
    REQUIRE(loginWithPassword(atA, "ghost-a" + std::to_string(i), "wrong1234").status == 401);
    REQUIRE(loginWithPassword(atB, "ghost-b" + std::to_string(i), "wrong1234").status == 401);
  }
  CHECK(loginWithPassword(atA, "rev01", "review123").status == 429);
  CHECK(loginWithPassword(atB, "rev01", "review123").status == 429);
}
