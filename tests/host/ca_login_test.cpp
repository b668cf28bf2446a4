// E-key (CA) login (docs/PRODUCT.md §2, §7): certificates made with the real openssl command — RSA,
// ECDSA P-256 and SM2 with the GM/T default ID — verified by the host against its trusted
// roots at the host clock's time, then a signature over a fresh nonce and the password.
#include <catch2/catch.hpp>

#include <chrono>

#include <boost/json.hpp>

#include "tests/host/test_pki.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/login_steps.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;
using boost::json::object;
using std::chrono::hours;
using std::chrono::system_clock;

namespace {

constexpr const char* kUscc = "91350100M000100Y43";
const std::string kSubject = "/C=CN/O=厦门某某汽车贸易有限公司/serialNumber=91350100M000100Y43/CN=lisi";

std::string codeOf(const HttpResult& r, const std::string& field) {
  if (r.status != 422) return "status " + std::to_string(r.status);
  auto body = r.json();
  for (const auto& e : body.at("errors").as_array()) {
    if (e.at("field") == field.c_str()) return std::string(e.at("code").as_string());
  }
  return "none";
}

HttpResult challengeFor(HttpClient& client, const std::string& pem) {
  return client.postJson("/api/auth/ca/challenge", object{{"certificate", pem}});
}

/// The whole e-key login with a certificate made by `ca`, signing with the CLI.
HttpResult ekeyLogin(HttpClient& client, const std::filesystem::path& work, const TestCa::Leaf& leaf,
                     const std::string& password, bool sm2WithoutId = false) {
  auto challenge = challengeFor(client, leaf.pem);
  if (challenge.status != 200) return challenge;
  std::string nonce = fromBase64(std::string(challenge.json().at("nonce").as_string()));
  std::string signature = signWithCli(work, leaf.keyFile, leaf.kind, nonce, sm2WithoutId);
  return client.postJson("/api/auth/ca/login", object{{"challengeId", challenge.json().at("challengeId")},
                                                      {"signature", toBase64(signature)},
                                                      {"password", password}});
}

HttpResult provisionCa(HttpClient& client, const std::string& username, const std::string& password) {
  return client.postJson("/api/dev/ca-accounts", object{{"username", username}, {"password", password}});
}

}  // namespace

TEST_CASE("e-key login with RSA, ECDSA P-256 and SM2 certificates from a trusted CA") {
  TempDir work;
  auto kind = GENERATE(KeyKind::kRsa, KeyKind::kEcdsa, KeyKind::kSm2);
  CAPTURE(static_cast<int>(kind));
  TestCa ca(work.path() / "ca", kind, "Test CA");
  TestHost::Options options;
  options.trustedCaFiles = {ca.certificateFile().string()};
  TestHost host(options);
  HttpClient client(host.port());
  REQUIRE(provisionCa(client, "lisi", "pass1234").status == 201);
  TestCa::Leaf leaf = ca.issue("lisi", kSubject);

  auto challenge = challengeFor(client, leaf.pem);
  REQUIRE(challenge.status == 200);
  auto c = challenge.json().as_object();
  CHECK(c.at("username") == "lisi");
  CHECK(c.at("uscc") == kUscc);
  CHECK(fromBase64(std::string(c.at("nonce").as_string())).size() == 32);
  CHECK(c.at("notAfter").as_string().size() == 20);  // 2026-03-01T00:00:00Z

  auto login = ekeyLogin(client, work.path(), leaf, "pass1234");
  REQUIRE(login.status == 200);
  auto p = login.json().at("principal").as_object();
  CHECK(p.at("kind") == "ca");
  CHECK(p.at("account") == "lisi");
  CHECK(p.at("roles") == boost::json::array{"enterprise"});
  CHECK(p.at("uscc") == kUscc);
  CHECK(p.at("enterpriseName") == "厦门某某汽车贸易有限公司");
  CHECK(login.header("set-cookie").find("ucf_session=") == 0);

  client.csrfToken() = std::string(login.json().at("csrfToken").as_string());
  auto session = client.get("/api/session");
  REQUIRE(session.status == 200);
  CHECK(session.json().at("principal").at("kind") == "ca");
}

TEST_CASE("SM2: the signature and the certificate chain use the default ID 1234567812345678") {
  TempDir work;
  TestCa ca(work.path() / "ca", KeyKind::kSm2, "SM2 CA");
  TestHost::Options options;
  options.trustedCaFiles = {ca.certificateFile().string()};
  TestHost host(options);
  HttpClient client(host.port());
  REQUIRE(provisionCa(client, "lisi", "pass1234").status == 201);
  TestCa::Leaf leaf = ca.issue("lisi", kSubject);

  // A nonce signed with OpenSSL's empty ID is not what an e-key makes: refused.
  CHECK(ekeyLogin(client, work.path(), leaf, "pass1234", true).status == 401);
  CHECK(ekeyLogin(client, work.path(), leaf, "pass1234").status == 200);

  // A certificate that an SM2 CA signed with the empty ID does not verify.
  runIn(work.path() / "ca",
        "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out noid.key && "
        "openssl req -new -utf8 -key noid.key -sm3 -sigopt distid:1234567812345678 -subj "
        "'/C=CN/serialNumber=91350100M000100Y43/CN=noid' -out noid.csr && "
        "openssl x509 -req -in noid.csr -CA ca.pem -CAkey ca.key -CAcreateserial -sm3 -days 10 "
        "-vfyopt distid:1234567812345678 -out noid.pem");
  CHECK(codeOf(challengeFor(client, readText(work.path() / "ca" / "noid.pem")), "certificate") == "untrusted");
}

TEST_CASE("certificates are refused outside their validity window at the host clock's time") {
  TempDir work;
  TestCa ca(work.path() / "ca", KeyKind::kEcdsa, "Test CA");
  TestHost::Options options;
  options.trustedCaFiles = {ca.certificateFile().string()};
  TestHost host(options);
  HttpClient client(host.port());
  REQUIRE(provisionCa(client, "lisi", "pass1234").status == 201);
  auto now = system_clock::now();

  TestCa::Leaf expired = ca.issue("expired", kSubject, now - hours(24 * 40), now - hours(24 * 10));
  TestCa::Leaf future = ca.issue("future", kSubject, now + hours(24 * 10), now + hours(24 * 40));
  TestCa::Leaf current = ca.issue("current", kSubject, now - hours(24), now + hours(24 * 5));

  CHECK(codeOf(challengeFor(client, expired.pem), "certificate") == "expired");
  CHECK(codeOf(challengeFor(client, future.pem), "certificate") == "not_yet_valid");
  CHECK(challengeFor(client, current.pem).status == 200);

  // Move the host clock: the future certificate comes into its window, the current one leaves it.
  host.host().clock().moveTo(now + hours(24 * 20));
  CHECK(ekeyLogin(client, work.path(), future, "pass1234").status == 200);
  CHECK(codeOf(challengeFor(client, current.pem), "certificate") == "expired");
  host.host().clock().moveTo(now - hours(24 * 20));
  CHECK(ekeyLogin(client, work.path(), expired, "pass1234").status == 200);
}

TEST_CASE("certificates from an untrusted CA, without a USCC or without a CN are refused") {
  TempDir work;
  TestCa trusted(work.path() / "trusted", KeyKind::kRsa, "Trusted CA");
  TestCa rogue(work.path() / "rogue", KeyKind::kRsa, "Trusted CA");  // same name, other key
  TestHost::Options options;
  options.trustedCaFiles = {trusted.certificateFile().string()};
  TestHost host(options);
  HttpClient client(host.port());

  CHECK(codeOf(challengeFor(client, rogue.issue("rogue", kSubject).pem), "certificate") == "untrusted");
  CHECK(codeOf(challengeFor(client, trusted.issue("nouscc", "/C=CN/O=某公司/CN=lisi").pem), "certificate") ==
        "no_uscc");
  CHECK(codeOf(challengeFor(client, trusted.issue("baduscc", "/C=CN/serialNumber=91350100M000100Y44/CN=lisi").pem),
               "certificate") == "no_uscc");
  CHECK(codeOf(challengeFor(client, trusted.issue("nocn", "/C=CN/serialNumber=91350100M000100Y43").pem),
               "certificate") == "no_username");
  CHECK(codeOf(challengeFor(client, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), "certificate") ==
        "malformed");
  CHECK(codeOf(challengeFor(client, ""), "certificate") == "required");

  SECTION("the dev CA is trusted in dev mode only") {
    SoftEkey ekey = issueDevEkey(client, kUscc, "某公司", "devuser", "pass1234");
    CHECK(challengeFor(client, ekey.certificatePem).status == 200);
    TestHost::Options production;
    production.dev = false;
    production.trustedCaFiles = {trusted.certificateFile().string()};
    TestHost plain(production);
    HttpClient other(plain.port());
    CHECK(codeOf(challengeFor(other, ekey.certificatePem), "certificate") == "untrusted");
  }
}

TEST_CASE("challenges are single-use and expire after two minutes; signatures and passwords are checked") {
  TempDir work;
  TestCa ca(work.path() / "ca", KeyKind::kEcdsa, "Test CA");
  TestHost::Options options;
  options.trustedCaFiles = {ca.certificateFile().string()};
  TestHost host(options);
  HttpClient client(host.port());
  REQUIRE(provisionCa(client, "lisi", "pass1234").status == 201);
  TestCa::Leaf leaf = ca.issue("lisi", kSubject);
  TestCa::Leaf other = ca.issue("other", "/C=CN/serialNumber=91110000600037341L/CN=other");

  auto challenge = challengeFor(client, leaf.pem);
  REQUIRE(challenge.status == 200);
  std::string id(challenge.json().at("challengeId").as_string());
  std::string nonce = fromBase64(std::string(challenge.json().at("nonce").as_string()));
  std::string good = toBase64(signWithCli(work.path(), leaf.keyFile, leaf.kind, nonce));
  auto login = [&](const std::string& challengeId, const std::string& signature, const std::string& password) {
    return client.postJson("/api/auth/ca/login",
                           object{{"challengeId", challengeId}, {"signature", signature}, {"password", password}});
  };

  SECTION("replaying a challenge after a success is refused") {
    REQUIRE(login(id, good, "pass1234").status == 200);
    CHECK(login(id, good, "pass1234").status == 401);
  }
  SECTION("a failed attempt uses the challenge up as well") {
    CHECK(login(id, good, "wrong1234").status == 401);
    CHECK(login(id, good, "pass1234").status == 401);
  }
  SECTION("a signature by another key is refused") {
    std::string forged = toBase64(signWithCli(work.path(), other.keyFile, other.kind, nonce));
    CHECK(login(id, forged, "pass1234").status == 401);
  }
  SECTION("a signature over other bytes is refused") {
    std::string stale = toBase64(signWithCli(work.path(), leaf.keyFile, leaf.kind, nonce + "x"));
    CHECK(login(id, stale, "pass1234").status == 401);
  }
  SECTION("a wrong password gives the same 401 as a wrong signature") {
    auto wrongPassword = login(id, good, "wrong1234");
    auto second = challengeFor(client, leaf.pem);
    std::string otherNonce = fromBase64(std::string(second.json().at("nonce").as_string()));
    auto wrongSignature = login(std::string(second.json().at("challengeId").as_string()),
                                toBase64(signWithCli(work.path(), other.keyFile, other.kind, otherNonce)), "pass1234");
    CHECK(wrongPassword.status == 401);
    CHECK(wrongSignature.status == 401);
    CHECK(wrongPassword.body == wrongSignature.body);
  }
  SECTION("a challenge answered after two minutes is refused") {
    host.host().clock().moveTo(system_clock::now() + std::chrono::seconds(121));
    CHECK(login(id, good, "pass1234").status == 401);
  }
  SECTION("a challenge answered within two minutes is accepted") {
    host.host().clock().moveTo(system_clock::now() + std::chrono::seconds(100));
    CHECK(login(id, good, "pass1234").status == 200);
  }
  SECTION("a certificate without a provisioned CA account cannot log in") {
    auto second = challengeFor(client, other.pem);
    REQUIRE(second.status == 200);
    std::string otherNonce = fromBase64(std::string(second.json().at("nonce").as_string()));
    CHECK(login(std::string(second.json().at("challengeId").as_string()),
                toBase64(signWithCli(work.path(), other.keyFile, other.kind, otherNonce)), "pass1234")
              .status == 401);
  }
  SECTION("missing or malformed members are 422") {
    auto r = client.postJson("/api/auth/ca/login", object{{"challengeId", id}, {"signature", "%%%"}});
    REQUIRE(r.status == 422);
    CHECK(codeOf(r, "signature") == "invalid_format");
    CHECK(codeOf(r, "password") == "required");
    CHECK(login(id, good, "pass1234").status == 200);  // a 422 does not use the challenge up
  }
  SECTION("five failures lock the CA account (429)") {
    CHECK(login(id, good, "wrong1234").status == 401);
    for (int i = 0; i < 4; ++i) {
      CHECK(ekeyLogin(client, work.path(), leaf, "wrong1234").status == 401);
    }
    CHECK(ekeyLogin(client, work.path(), leaf, "pass1234").status == 429);
  }
}

TEST_CASE("dev soft e-keys: issued by the dev CA with the CA account provisioned") {
  TestHost host;
  HttpClient client(host.port());
  SoftEkey ekey = issueDevEkey(client, "91110000600037341L", "北京某某汽车出口有限公司", "王五", "pass1234");
  CHECK(ekey.certificatePem.find("-----BEGIN CERTIFICATE-----") == 0);
  CHECK(ekey.privateKeyPem.find("-----BEGIN PRIVATE KEY-----") == 0);

  auto login = loginWithEkey(client, ekey, "pass1234");
  REQUIRE(login.status == 200);
  auto p = login.json().at("principal").as_object();
  CHECK(p.at("account") == "王五");
  CHECK(p.at("kind") == "ca");
  CHECK(p.at("uscc") == "91110000600037341L");
  CHECK(p.at("enterpriseName") == "北京某某汽车出口有限公司");

  SECTION("the dev CA is kept in the data folder and survives a restart") {
    CHECK(std::filesystem::exists(host.dataDir() / "dev-ca" / "ca.pem"));
    CHECK(std::filesystem::exists(host.dataDir() / "dev-ca" / "ca-cert.pem"));
    host.restart();
    HttpClient again(host.port());
    CHECK(loginWithEkey(again, ekey, "pass1234").status == 200);
  }
  SECTION("bad requests name each field") {
    auto r = client.postJson("/api/dev/enterprise-certificates",
                             object{{"uscc", "123"}, {"enterpriseName", ""}, {"username", "x"}, {"password", "short"}});
    REQUIRE(r.status == 422);
    CHECK(codeOf(r, "uscc") == "invalid_format");
    CHECK(codeOf(r, "enterpriseName") == "required");
    CHECK(codeOf(r, "password") == "too_short");
  }
}
