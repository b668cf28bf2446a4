// E-key certificates that are revoked or not meant for signing in (docs/PRODUCT.md §7.1): `--crl` lists
// are checked at challenge and again at login; a key usage without digitalSignature or an
// extended key usage without clientAuth is refused. Certificates and CRLs made with the real
// openssl command.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "tests/host/test_pki.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/login_steps.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;
using boost::json::object;

namespace {

const std::string kSubject = "/C=CN/O=厦门某某汽车贸易有限公司/serialNumber=91350100M000100Y43/CN=";

std::string certificateCode(const HttpResult& r) {
  if (r.status != 422) return "status " + std::to_string(r.status);
  auto body = r.json();
  for (const auto& e : body.at("errors").as_array()) {
    if (e.at("field") == "certificate") return std::string(e.at("code").as_string());
  }
  return "none";
}

HttpResult challengeFor(HttpClient& client, const std::string& pem) {
  return client.postJson("/api/auth/ca/challenge", object{{"certificate", pem}});
}

TestHost::Options trusting(const TestCa& ca, const std::vector<std::filesystem::path>& crls,
                           const std::string& db = "") {
  TestHost::Options options;
  options.trustedCaFiles = {ca.certificateFile().string()};
  options.db = db;
  options.tune = [crls](ucf::host::HostOptions& o) {
    for (const auto& crl : crls) o.crlFiles.push_back(crl.string());
  };
  return options;
}

}  // namespace

TEST_CASE("a certificate revoked in a loaded CRL is refused at challenge and at login") {
  auto kind = GENERATE(KeyKind::kEcdsa, KeyKind::kSm2);
  CAPTURE(static_cast<int>(kind));
  TempDir work;
  TestCa ca(work.path() / "ca", kind, "Test CA");
  TestCa::Leaf kept = ca.issue("kept", kSubject + "kept");
  TestCa::Leaf revoked = ca.issue("gone", kSubject + "gone");
  std::filesystem::path before = ca.writeCrl("before.pem");  // lists nothing yet
  ca.revoke("gone");
  std::filesystem::path after = ca.writeCrl("after.pem");

  SECTION("at challenge") {
    TestHost host(trusting(ca, {after}));
    HttpClient client(host.port());
    CHECK(certificateCode(challengeFor(client, revoked.pem)) == "revoked");
    CHECK(challengeFor(client, kept.pem).status == 200);
  }
  SECTION("at login: a challenge issued before the CRL was loaded no longer logs in") {
    // Two hosts over one database: the first trusts an older CRL, the second the new one.
    std::string db = "sqlite:" + (work.path() / "shared.sqlite").string();
    TestHost older(trusting(ca, {before}, db));
    TestHost newer(trusting(ca, {after}, db));
    HttpClient atOlder(older.port());
    REQUIRE(atOlder.postJson("/api/dev/ca-accounts", object{{"username", "gone"}, {"password", "pass1234"}}).status ==
            201);
    auto challenge = challengeFor(atOlder, revoked.pem);
    REQUIRE(challenge.status == 200);
    std::string nonce = fromBase64(std::string(challenge.json().at("nonce").as_string()));
    HttpClient atNewer(newer.port());
    auto login = atNewer.postJson(
        "/api/auth/ca/login", object{{"challengeId", challenge.json().at("challengeId")},
                                     {"signature", toBase64(signWithCli(work.path(), revoked.keyFile, kind, nonce))},
                                     {"password", "pass1234"}});
    CHECK(certificateCode(login) == "revoked");
    CHECK(login.header("set-cookie").empty());
  }
}

TEST_CASE("key usage: digitalSignature required when a key usage is present, clientAuth when an extended one is") {
  TempDir work;
  TestCa ca(work.path() / "ca", KeyKind::kEcdsa, "Test CA");
  TestHost host(trusting(ca, {}));
  HttpClient client(host.port());
  CHECK(challengeFor(client, ca.issue("client", kSubject + "client", "client_ext").pem).status == 200);
  CHECK(challengeFor(client, ca.issue("plain", kSubject + "plain", "leaf_ext").pem).status == 200);
  CHECK(certificateCode(challengeFor(client, ca.issue("server", kSubject + "server", "server_only_ext").pem)) ==
        "unsupported_key");
  CHECK(certificateCode(challengeFor(client, ca.issue("nosign", kSubject + "nosign", "no_signature_ext").pem)) ==
        "unsupported_key");
}

TEST_CASE("a --crl file that holds no CRL stops the host from starting") {
  TempDir work;
  TestCa ca(work.path() / "ca", KeyKind::kEcdsa, "Test CA");
  writeText(work.path() / "empty.pem", "not a CRL\n");
  CHECK_THROWS(TestHost(trusting(ca, {work.path() / "empty.pem"})));
}
