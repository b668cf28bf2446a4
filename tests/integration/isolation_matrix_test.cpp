// Tenant isolation, generated from the host's route table: every plugin route that names a
// filing is called by another enterprise, by a stranger who registered with A's USCC
// (docs/PRODUCT.md §2.1) and by an out-of-province reviewer on enterprise A's filing. Each must
// answer exactly as for a filing that does not exist (404; an enterprise's answer on a /review
// route is 403 either way), and A's data must not change. A new route is covered the moment it is
// registered.
#include <catch2/catch.hpp>

#include <boost/json/serialize.hpp>

#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/test_host.hpp"
#include "tests/unit/domain/file_samples.hpp"

using namespace ucf::test;

namespace {

std::string fill(std::string pattern, long long id) {
  auto replace = [&](const std::string& from, const std::string& to) {
    if (auto at = pattern.find(from); at != std::string::npos) pattern.replace(at, from.size(), to);
  };
  replace("{id}", std::to_string(id));
  replace("{slot}", "license_original");
  return pattern;
}

// Sends a plausible request of `method` to `path`, with the right version, so that only the
// caller's scope can make it fail.
HttpResult call(HttpClient& client, const std::string& method, const std::string& path, const std::string& etagValue) {
  std::vector<std::pair<std::string, std::string>> headers{{"If-Match", etagValue}};
  if (method == "GET") return client.get(path, headers);
  if (method == "DELETE") return client.del(path, headers);
  if (path.find("/attachments/") != std::string::npos) {
    std::string contentType;
    std::string body = multipartBody("x.png", makePng(), contentType);
    return client.send(method, path, body, headers, contentType);
  }
  std::string body = boost::json::serialize(validForm());
  if (path.ends_with("/decision")) body = R"({"decision":"approve","opinion":"ok"})";
  if (path.ends_with("/revoke")) body = R"({"reason":"x"})";
  return client.send(method, path, body, headers, "application/json");
}

}  // namespace

TEST_CASE("no route lets another enterprise, a stranger with its USCC or an out-of-scope reviewer reach a filing") {
  // The enterprise acting through its CA user (verified), or through a registered account.
  const std::string ownerKind = GENERATE(as<std::string>{}, "ca", "registered");
  CAPTURE(ownerKind);
  TestHost host;
  const std::string uscc = "91350100M000100Y43";
  auto owner =
      ownerKind == "ca" ? caSession(host.port(), "owner-a", uscc) : enterpriseSession(host.port(), "owner-a", uscc);
  auto other = enterpriseSession(host.port(), "other-b", "91110000600037341L", "北京另一家企业有限公司");
  // Typed A's USCC at registration (it is printed on every business licence); nobody trusted it.
  auto stranger = enterpriseSession(host.port(), "stranger-a", uscc);
  auto farReviewer = authoritySession(host.port(), "bj-reviewer", {"reviewer", "rechecker"}, "110000");

  // A's filing, submitted (so that authorities in scope could see it) with every material.
  const long long id = submittedFiling(owner);
  const std::string filingPath = std::string(kApi) + "/filings/" + std::to_string(id);
  auto before = owner.get(filingPath);
  REQUIRE(before.status == 200);
  const auto historyBefore = owner.get(filingPath + "/history");
  const auto listBefore = owner.get(std::string(kApi) + "/filings");

  int covered = 0;
  for (const auto& route : host.host().routes().entries()) {
    if (route.owner != "used-car-filing" || route.spec.pattern.find("{id}") == std::string::npos) continue;
    const std::string path = fill(route.spec.pattern, id);
    const bool reviewRoute = route.spec.pattern.starts_with(std::string(kApi) + "/review/");
    for (HttpClient* intruder : {&other, &stranger, &farReviewer}) {
      INFO(route.spec.method << " " << path << (intruder == &stranger ? " (stranger)" : ""));
      // Enterprises get 403 on every /review route whatever the filing (rest_contract_test.cpp).
      const int expected = reviewRoute && intruder != &farReviewer ? 403 : 404;
      auto r = call(*intruder, route.spec.method, path, etag(before));
      CHECK(r.status == expected);
      // The same answer, byte for byte, as for a filing that does not exist.
      auto missing = call(*intruder, route.spec.method, fill(route.spec.pattern, 987654), etag(before));
      CHECK(r.status == missing.status);
      CHECK(r.body == missing.body);
    }
    ++covered;
  }
  CHECK(covered >= 13);  // every filing-scoped route of docs/PRODUCT.md §6

  // A's data, byte for byte, as before.
  auto after = owner.get(filingPath);
  CHECK(after.body == before.body);
  CHECK(after.header("etag") == before.header("etag"));
  CHECK(owner.get(filingPath + "/history").body == historyBefore.body);
  CHECK(owner.get(std::string(kApi) + "/filings").body == listBefore.body);
  // Nor does anything the stranger sees count it.
  CHECK(stranger.get(std::string(kApi) + "/filings").json().at("total") == 0);
}

TEST_CASE("the OpenAPI document lists every route the plugin registered") {
  TestHost host;
  HttpClient anyone(host.port());
  auto doc = anyone.get(std::string(kApi) + "/openapi.json");
  REQUIRE(doc.status == 200);
  auto body = doc.json();
  CHECK(body.at("openapi") == "3.1.0");
  const auto& paths = body.at("paths").as_object();
  int apiRoutes = 0;
  for (const auto& route : host.host().routes().entries()) {
    if (route.owner != "used-car-filing" || !route.spec.pattern.starts_with(kApi)) continue;
    ++apiRoutes;
    std::string relative = route.spec.pattern.substr(std::string(kApi).size());
    std::string method = route.spec.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    INFO(route.spec.method << " " << relative);
    REQUIRE(paths.contains(relative));
    CHECK(paths.at(relative).as_object().contains(method));
  }
  CHECK(apiRoutes == 22);
}
