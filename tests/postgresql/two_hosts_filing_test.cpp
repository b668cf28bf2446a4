// Several mock hosts over one PostgreSQL behave as one system (docs/PRODUCT.md §8): a session made at one
// host works at the other, the one-open-新增 rule holds across hosts, and concurrent decisions
// through two hosts lose nothing (one wins, the other gets 409 or 412).
#include <catch2/catch.hpp>

#include <thread>

#include "tests/support/filing_fixtures.hpp"
#include "tests/support/pg_schema.hpp"
#include "tests/support/sessions.hpp"

using namespace ucf::test;
namespace bj = boost::json;

TEST_CASE("two hosts over one PostgreSQL: one open 新增 across hosts, concurrent decisions lose nothing",
          "[concurrency]") {
  PgSchema schema;
  TestHost a(schema.hostOptions());
  TestHost b(schema.hostOptions());

  auto entA = enterpriseSession(a.port(), "pg-ent", "91350100M000100Y43");
  HttpClient entB = entA;  // the same session, through the other host
  entB.setPort(b.port());

  // Race two 新增 of one enterprise through the two hosts: exactly one is created.
  HttpResult first, second;
  std::thread t1([&] { first = entA.postJson(std::string(kApi) + "/filings?mode=draft", bj::object{}); });
  std::thread t2([&] { second = entB.postJson(std::string(kApi) + "/filings?mode=draft", bj::object{}); });
  t1.join();
  t2.join();
  CHECK(((first.status == 201) != (second.status == 201)));
  CHECK((first.status == 409 || second.status == 409));
  const long long draft = (first.status == 201 ? first : second).json().at("id").as_int64();
  REQUIRE(entB.get(std::string(kApi) + "/filings/" + std::to_string(draft)).status == 200);
  auto version = entA.get(std::string(kApi) + "/filings/" + std::to_string(draft));
  REQUIRE(entA.del(std::string(kApi) + "/filings/" + std::to_string(draft), {{"If-Match", etag(version)}}).status ==
          204);

  // A filing submitted through A, decided through both hosts at once.
  const long long id = submittedFiling(entA);
  auto r1 = authoritySession(a.port(), "pg-rev1", {"reviewer"}, "350000");
  auto r2 = authoritySession(b.port(), "pg-rev2", {"reviewer"}, "350000");
  auto detail = r1.get(std::string(kApi) + "/review/filings/" + std::to_string(id));
  const std::string tag = etag(detail);
  HttpResult d1, d2;
  std::thread u1([&] {
    d1 = r1.postJson(std::string(kApi) + "/review/filings/" + std::to_string(id) + "/decision",
                     bj::object{{"decision", "approve"}}, {{"If-Match", tag}});
  });
  std::thread u2([&] {
    d2 = r2.postJson(std::string(kApi) + "/review/filings/" + std::to_string(id) + "/decision",
                     bj::object{{"decision", "reject"}, {"opinion", "退回"}}, {{"If-Match", tag}});
  });
  u1.join();
  u2.join();
  CHECK(((d1.status == 200) != (d2.status == 200)));
  const int loser = d1.status == 200 ? d2.status : d1.status;
  CHECK((loser == 409 || loser == 412));
  auto history = entB.get(std::string(kApi) + "/filings/" + std::to_string(id) + "/history").json();
  int decisions = 0;
  for (const auto& e : history.at("events").as_array()) decisions += e.at("action").as_string().starts_with("review_");
  CHECK(decisions == 1);
  CHECK(schema.count("SELECT COUNT(*) FROM " + schema.name() + ".ucf_schema_migrations") == 5);
}
