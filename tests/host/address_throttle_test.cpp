// Throttling by client address (docs/PRODUCT.md §7.1): 50 failed logins from one address within 15
// minutes stop its password and e-key logins for every account, by the host clock, while
// captcha, registration and challenges keep working; an e-key signature that does not verify
// counts against the address only, never against the certificate's owner. Real HTTP.
#include <catch2/catch.hpp>

#include <chrono>

#include <boost/json.hpp>

#include "tests/support/http_client.hpp"
#include "tests/support/login_steps.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;
using boost::json::object;

namespace {

constexpr const char* kUscc = "91350100M000100Y43";
constexpr const char* kName = "厦门某某汽车贸易有限公司";

HttpResult caLoginWithSignature(HttpClient& client, const SoftEkey& ekey, const std::string& signature,
                                const std::string& password) {
  auto challenge = client.postJson("/api/auth/ca/challenge", object{{"certificate", ekey.certificatePem}});
  if (challenge.status != 200) return challenge;
  return client.postJson("/api/auth/ca/login", object{{"challengeId", challenge.json().at("challengeId")},
                                                      {"signature", toBase64(signature)},
                                                      {"password", password}});
}

}  // namespace

TEST_CASE("50 failed logins from one address within 15 minutes stop its logins for every account (429)") {
  TestHost host;
  HttpClient client(host.port());
  REQUIRE(registerEnterprise(client, "acme01", "abc12345", kUscc, kName).status == 201);
  SoftEkey ekey = issueDevEkey(client, kUscc, kName, "lisi", "pass1234");
  auto start = std::chrono::system_clock::now();
  host.host().clock().moveTo(start);

  // Each name fails fewer than five times, so no account lock is involved.
  for (int i = 0; i < 49; ++i) {
    REQUIRE(
        loginWithPassword(client, "ghost" + std::to_string(i / 4) + "x" + std::to_string(i % 4), "wrong1234").status ==
        401);
  }
  host.host().clock().moveTo(start + std::chrono::minutes(5));
  REQUIRE(loginWithPassword(client, "ghost99", "wrong1234").status == 401);  // the 50th, 5 minutes later

  auto refused = loginWithPassword(client, "acme01", "abc12345");
  CHECK(refused.status == 429);
  CHECK(refused.header("content-type").rfind("application/problem+json", 0) == 0);
  CHECK_FALSE(refused.header("retry-after").empty());
  CHECK(loginWithEkey(client, ekey, "pass1234").status == 429);

  // What does not log in keeps working.
  CHECK(client.get("/api/auth/captcha").status == 200);
  CHECK(registerEnterprise(client, "acme02", "abc12345", kUscc, kName).status == 201);
  CHECK(client.postJson("/api/auth/ca/challenge", object{{"certificate", ekey.certificatePem}}).status == 200);

  SECTION("14 minutes later all 50 are still within the window") {
    host.host().clock().moveTo(start + std::chrono::minutes(14));
    CHECK(loginWithPassword(client, "acme01", "abc12345").status == 429);
  }
  SECTION("once the first 49 leave the window, fewer than 50 remain and logins work again") {
    host.host().clock().moveTo(start + std::chrono::minutes(15) + std::chrono::seconds(1));
    CHECK(loginWithPassword(client, "acme01", "abc12345").status == 200);
    CHECK(loginWithEkey(client, ekey, "pass1234").status == 200);
  }
}

TEST_CASE("e-key signatures that do not verify never lock the certificate's owner out") {
  TestHost host;
  HttpClient attacker(host.port());
  // The certificate is public: anyone may ask for challenges with it and send garbage.
  SoftEkey ekey = issueDevEkey(attacker, kUscc, kName, "lisi", "pass1234");
  for (int i = 0; i < 6; ++i) {
    CHECK(caLoginWithSignature(attacker, ekey, "not a signature at all", "pass1234").status == 401);
  }
  HttpClient owner(host.port());
  CHECK(loginWithEkey(owner, ekey, "pass1234").status == 200);

  SECTION("a good signature with a wrong password still counts against the account") {
    HttpClient holder(host.port());
    for (int i = 0; i < 5; ++i) CHECK(loginWithEkey(holder, ekey, "wrong1234").status == 401);
    CHECK(loginWithEkey(holder, ekey, "pass1234").status == 429);
  }
}
