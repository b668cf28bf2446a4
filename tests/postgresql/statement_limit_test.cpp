// The statement limit on PostgreSQL (docs/PRODUCT.md §8): a save that waits on a row lock held by
// another connection past `statement_timeout` gets 503 with Retry-After, not a stuck thread; once
// the lock is gone the same save succeeds.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include <Poco/Data/Session.h>

#include "dbkit/postgresql_uri.hpp"
#include "tests/support/filing_fixtures.hpp"
#include "tests/support/pg_schema.hpp"
#include "tests/support/sessions.hpp"

using namespace ucf;
using namespace ucf::test;
using namespace std::chrono_literals;
using Poco::Data::Keywords::now;

TEST_CASE("PostgreSQL: a save blocked by a lock past the statement limit gets 503 with Retry-After") {
  PgSchema schema;
  TestHost::Options options = schema.hostOptions();
  options.tune = [](host::HostOptions& o) { o.statementTimeoutMs = 500; };
  TestHost host(options);
  auto ent = enterpriseSession(host.port(), "pg-limit-exporter", "91350100M000100Y43");
  const std::string filings = std::string(kApi) + "/filings";
  auto draft = ent.postJson(filings + "?mode=draft", boost::json::object{});
  REQUIRE(draft.status == 201);
  const auto id = draft.json().at("id").as_int64();
  const std::string path = filings + "/" + std::to_string(id);

  Poco::Data::Session locker("PostgreSQL", dbkit::postgresqlConnectionString(schema.uri()));
  locker << "BEGIN", now;
  locker << "SELECT id FROM ucf_filing WHERE id = " + std::to_string(id) + " FOR UPDATE", now;
  const auto began = std::chrono::steady_clock::now();
  auto refused = ent.put(path + "?mode=draft", R"({"customsCode":"3501234567"})", {{"If-Match", etag(draft)}});
  const auto took = std::chrono::steady_clock::now() - began;
  locker << "ROLLBACK", now;
  CHECK(refused.status == 503);
  CHECK(refused.header("retry-after") == "1");
  CHECK(refused.header("content-type").find("application/problem+json") == 0);
  CHECK(took >= 500ms);
  CHECK(took < 4s);

  auto saved = ent.put(path + "?mode=draft", R"({"customsCode":"3501234567"})", {{"If-Match", etag(draft)}});
  CHECK(saved.status == 200);
}
