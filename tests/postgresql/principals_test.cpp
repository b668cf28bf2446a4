// Who acts for an enterprise (docs/PRODUCT.md §2.1) through HTTP on PostgreSQL, and trust across two hosts
// over one database: at once on the host that handled it, by notification on the other
// (session_changes_test.cpp proves it is the notification).
#include <catch2/catch.hpp>

#include "tests/support/eventually.hpp"
#include "tests/support/pg_schema.hpp"
#include "tests/support/principals_scenario.hpp"

using namespace ucf::test;

TEST_CASE("PostgreSQL: a stranger with the enterprise's USCC and the enterprise are two filers") {
  PgSchema schema;
  TestHost host(schema.hostOptions());
  principals::checkStrangerAndEnterprise(host.port());
}

TEST_CASE("PostgreSQL: reviewers see both filers' 新增 with otherOpenNew and createdBy") {
  PgSchema schema;
  TestHost host(schema.hostOptions());
  principals::checkReviewersSeeBothFilers(host.port());
}

TEST_CASE("PostgreSQL: 企业账号授权 through one host") {
  PgSchema schema;
  TestHost host(schema.hostOptions());
  principals::checkTrust(host.port());
}

TEST_CASE("PostgreSQL: trust given at one host reaches the account's session at the other", "[concurrency]") {
  PgSchema schema;
  TestHost a(schema.hostOptions());
  TestHost b(schema.hostOptions());

  auto ca = caSession(a.port(), "ca-two-hosts", principals::kUscc);
  const long long ours =
      ca.postJson(std::string(kApi) + "/filings?mode=draft", boost::json::object{}).json().at("id").as_int64();
  auto atA = enterpriseSession(a.port(), "clerk-two", principals::kUscc);
  HttpClient atB = atA;  // the same session, through the other host
  atB.setPort(b.port());
  REQUIRE(atB.get(principals::filing(ours)).status == 404);  // B has the session cached, unverified

  REQUIRE(setTrusted(ca, "clerk-two") == 204);
  CHECK(atA.get(principals::filing(ours)).status == 200);  // the host that handled it: at once
  // B's cached lookup was made before the trust: the trust's notification drops it.
  CHECK(eventually([&] { return atB.get(principals::filing(ours)).status == 200; }));
  CHECK(principals::sessionPrincipal(atB).at("verified") == true);

  REQUIRE(setTrusted(ca, "clerk-two", false) == 204);
  CHECK(atA.get(principals::filing(ours)).status == 404);
  CHECK(eventually([&] { return atB.get(principals::filing(ours)).status == 404; }));
}
