// The statement limit on SQLite (docs/PRODUCT.md §8): a statement still running at the limit is
// interrupted by the progress handler, a lock held past it ends the wait; either way the request
// gets 503 with Retry-After, the thread is free again, and the next request succeeds.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/json/serialize.hpp>

#include "adapters/persistence/database.hpp"
#include "dbkit/sql_error.hpp"
#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf;
using namespace ucf::test;
using namespace std::chrono_literals;

namespace {

struct Ints final : adapters::SqlColumns {
  std::vector<Poco::Int64> values;
  std::vector<Column> columns() override { return {&values}; }
};

constexpr const char* kSlowQuery =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT MAX(x) FROM c";

}  // namespace

TEST_CASE("Statement limit: a SQLite statement running past it is interrupted (kTimeout); the connection goes on") {
  TempDir dir;
  adapters::Database db(adapters::Dialect::kSqlite, (dir.path() / "limit.db").string(), 2, 200ms);
  auto lease = db.lease();
  std::vector<adapters::SqlValue> none;
  std::size_t rows = 0;
  const auto began = std::chrono::steady_clock::now();
  try {
    lease.statements().run<Ints>(kSlowQuery, none, rows);
    FAIL("the slow statement was not interrupted");
  } catch (const std::exception& e) {
    CHECK(dbkit::classifySqlError(e) == dbkit::SqlErrorClass::kTimeout);
  }
  const auto took = std::chrono::steady_clock::now() - began;
  CHECK(took >= 200ms);
  CHECK(took < 5s);  // a hundred million steps would take far longer
  CHECK(lease.statements().run<Ints>("SELECT 7", none, rows).values == std::vector<Poco::Int64>{7});
}

TEST_CASE("Statement limit: a save waiting on SQLite's write lock past the limit gets 503 with Retry-After") {
  TestHost::Options options;
  options.tune = [](host::HostOptions& o) { o.statementTimeoutMs = 300; };
  TestHost host(options);
  auto ent = enterpriseSession(host.port(), "limit-exporter", "91350100M000100Y43");
  const std::string filings = std::string(kApi) + "/filings";
  auto draft = ent.postJson(filings + "?mode=draft", boost::json::object{});
  REQUIRE(draft.status == 201);
  const std::string path = filings + "/" + std::to_string(draft.json().at("id").as_int64());

  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session other("SQLite", (host.dataDir() / "used-car-filing.sqlite").string());
  other << "BEGIN IMMEDIATE", Poco::Data::Keywords::now;  // another process's writer, holding on
  const auto began = std::chrono::steady_clock::now();
  auto refused = ent.put(path + "?mode=draft", R"({"customsCode":"3501234567"})", {{"If-Match", etag(draft)}});
  const auto took = std::chrono::steady_clock::now() - began;
  other << "ROLLBACK", Poco::Data::Keywords::now;
  CHECK(refused.status == 503);
  CHECK(refused.header("retry-after") == "1");
  CHECK(refused.header("content-type").find("application/problem+json") == 0);
  CHECK(took < 3s);

  auto saved = ent.put(path + "?mode=draft", R"({"customsCode":"3501234567"})", {{"If-Match", etag(draft)}});
  CHECK(saved.status == 200);
  CHECK(ent.get(path).json().at("customsCode") == "3501234567");
}
