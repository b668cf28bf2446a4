// The statement cache on a real SQLite file: statements prepared once through the C API and run
// again with new values, every column type, `$n` bound by name, errors as POCO reports them.

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Session.h>

#include "adapters/persistence/database.hpp"
#include "adapters/persistence/statement_cache.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ucf;
using Poco::Int64;
using Poco::Data::BLOB;
using NullableText = Poco::Nullable<std::string>;
using NullableInt = Poco::Nullable<Int64>;

namespace {

struct AllColumns final : adapters::SqlColumns {
  std::vector<Int64> i;
  std::vector<std::string> s;
  std::vector<NullableInt> ni;
  std::vector<NullableText> ns;
  std::vector<BLOB> b;
  std::vector<Column> columns() override { return {&i, &s, &ni, &ns, &b}; }
};

struct Ints final : adapters::SqlColumns {
  std::vector<Int64> values;
  std::vector<Column> columns() override { return {&values}; }
};

struct TextAndInts final : adapters::SqlColumns {
  std::vector<std::string> text;
  std::vector<Int64> a, b;
  std::vector<Column> columns() override { return {&text, &a, &b}; }
};

// One connection's cache, as a lease hands it out, with the SQL of a test.
struct Fixture {
  test::TempDir dir;
  std::string file = (dir.path() / "t.db").string();
  adapters::Database db{adapters::Dialect::kSqlite, file, 2};

  template <typename Columns = adapters::NoColumns>
  Columns& run(adapters::Database::Lease& lease, const std::string& sql, std::vector<adapters::SqlValue> params = {},
               std::size_t* rows = nullptr) {
    std::size_t n = 0;
    Columns& out = lease.statements().run<Columns>(sql, params, n);
    if (rows) *rows = n;
    return out;
  }
};

BLOB bytes(std::size_t size) {
  std::vector<unsigned char> v(size);
  for (std::size_t k = 0; k < size; ++k) v[k] = static_cast<unsigned char>(k * 7);
  return BLOB(v);
}

}  // namespace

TEST_CASE("SQLite statements: every column type and NULL round-trip") {
  Fixture fx;
  auto lease = fx.db.lease();
  fx.run(lease, "CREATE TABLE t (k INTEGER PRIMARY KEY, i INTEGER, s TEXT, ni INTEGER, ns TEXT, b BLOB)");
  const std::string insert = "INSERT INTO t (k, i, s, ni, ns, b) VALUES ($1, $2, $3, $4, $5, $6)";
  const std::string text = std::string("二手车\0出口", 16);  // an embedded NUL is kept
  std::size_t rows = 0;
  fx.run(lease, insert, {Int64(1), Int64(5'000'000'000), text, NullableInt(-7), NullableText(""), bytes(300'000)},
         &rows);
  CHECK(rows == 1);
  fx.run(lease, insert, {Int64(2), Int64(0), std::string(), NullableInt(), NullableText(), BLOB()});
  fx.run(lease, "INSERT INTO t (k) VALUES ($1)", {Int64(3)});  // NULL everywhere, also where not Nullable

  auto& c = fx.run<AllColumns>(lease, "SELECT i, s, ni, ns, b FROM t ORDER BY k", {}, &rows);
  CHECK(rows == 3);
  REQUIRE(c.i.size() == 3);
  CHECK(c.i == std::vector<Int64>{5'000'000'000, 0, 0});
  CHECK(c.s == std::vector<std::string>{text, "", ""});
  CHECK(c.ni[0] == NullableInt(-7));
  CHECK(c.ni[1].isNull());
  CHECK(c.ni[2].isNull());
  REQUIRE_FALSE(c.ns[0].isNull());
  CHECK(c.ns[0].value().empty());  // empty, not NULL
  CHECK(c.ns[1].isNull());
  CHECK(c.b[0] == bytes(300'000));
  CHECK(c.b[1].size() == 0);
  CHECK(c.b[2].size() == 0);
  Ints& kinds = fx.run<Ints>(lease, "SELECT b IS NULL FROM t ORDER BY k");
  CHECK(kinds.values == std::vector<Int64>{0, 0, 1});  // an empty BLOB is stored as zero bytes, not NULL
}

TEST_CASE("SQLite statements: $n are bound by name, in any order and repeated") {
  Fixture fx;
  auto lease = fx.db.lease();
  auto& c = fx.run<TextAndInts>(lease, "SELECT $2 || '-' || $1, $1, $1 + $3", {Int64(4), std::string("x"), Int64(10)});
  REQUIRE(c.text.size() == 1);
  CHECK(c.text.front() == "x-4");
  CHECK(c.a.front() == 4);
  CHECK(c.b.front() == 14);

  CHECK_THROWS_AS(fx.run<Ints>(lease, "SELECT $2"), Poco::Data::SQLite::InvalidSQLStatementException);
  CHECK_THROWS_AS(fx.run<Ints>(lease, "SELECT ?1"), Poco::Data::SQLite::InvalidSQLStatementException);
  CHECK_THROWS_AS(fx.run<Ints>(lease, "SELECT $1", {}), Poco::Data::SQLite::ParameterCountMismatchException);
  CHECK_THROWS_AS(fx.run<Ints>(lease, "SELECT 1; SELECT 2"), Poco::Data::SQLite::InvalidSQLStatementException);
  CHECK_THROWS_AS(fx.run<Ints>(lease, "SELECT 1, 2"), Poco::Data::ExtractException);
  CHECK(fx.run<Ints>(lease, "SELECT 1;").values == std::vector<Int64>{1});
}

TEST_CASE("SQLite statements: prepared once, run again with new values") {
  Fixture fx;
  auto lease = fx.db.lease();
  fx.run(lease, "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
  for (Int64 k = 1; k <= 50; ++k) fx.run(lease, "INSERT INTO t (k, v) VALUES ($1, $2)", {k, std::to_string(k)});
  const std::size_t prepared = lease.statements().size();
  for (Int64 k = 1; k <= 50; ++k) {
    auto& c = fx.run<Ints>(lease, "SELECT k FROM t WHERE k <= $1 ORDER BY k", {k});
    REQUIRE(c.values.size() == static_cast<std::size_t>(k));  // cleared before each run
    CHECK(c.values.back() == k);
  }
  CHECK(lease.statements().size() == prepared + 1);
}

TEST_CASE("SQLite statements: errors are POCO's exceptions, and the statement runs again afterwards") {
  Fixture fx;
  auto lease = fx.db.lease();
  fx.run(lease, "CREATE TABLE t (k INTEGER PRIMARY KEY, u TEXT UNIQUE)");
  const std::string insert = "INSERT INTO t (u) VALUES ($1) RETURNING k";
  CHECK(fx.run<Ints>(lease, insert, {std::string("a")}).values.size() == 1);
  try {
    fx.run<Ints>(lease, insert, {std::string("a")});
    FAIL("no unique violation");
  } catch (const Poco::Data::SQLite::ConstraintViolationException& e) {
    // What SqlFilingStore maps to app::UniqueViolation.
    CHECK(e.displayText().find("UNIQUE constraint failed: t.u") != std::string::npos);
  }
  CHECK(fx.run<Ints>(lease, insert, {std::string("b")}).values.size() == 1);
  CHECK_THROWS_AS(fx.run(lease, "SELEKT 1"), Poco::Data::SQLite::InvalidSQLStatementException);
  CHECK(fx.run<Ints>(lease, "SELECT COUNT(*) FROM t").values == std::vector<Int64>{2});
}

TEST_CASE("SQLite statements: a locked database waits for the busy timeout, then throws DBLockedException") {
  Poco::Data::SQLite::Connector::registerConnector();
  test::TempDir dir;
  const std::string file = (dir.path() / "busy.db").string();
  Poco::Data::Session writer("SQLite", file);
  writer.setConnectionTimeout(1);  // the busy timeout, in seconds
  writer << "PRAGMA journal_mode=WAL", Poco::Data::Keywords::now;
  writer << "CREATE TABLE t (k INTEGER)", Poco::Data::Keywords::now;
  Poco::Data::Session other("SQLite", file);
  other.setConnectionTimeout(1);
  {
    adapters::StatementCache cache(other, false);
    adapters::StatementCache writerCache(writer, false);
    std::vector<adapters::SqlValue> none;
    std::size_t rows = 0;
    writerCache.run<adapters::NoColumns>("BEGIN IMMEDIATE", none, rows);
    const auto began = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(cache.run<adapters::NoColumns>("BEGIN IMMEDIATE", none, rows),
                    Poco::Data::SQLite::DBLockedException);
    CHECK(std::chrono::steady_clock::now() - began >= std::chrono::milliseconds(900));
    // A reader is not blocked by the writer (WAL), and keeps no read transaction open after it.
    CHECK(cache.run<Ints>("SELECT COUNT(*) FROM t", none, rows).values == std::vector<Int64>{0});
    writerCache.run<adapters::NoColumns>("INSERT INTO t VALUES (1)", none, rows);
    writerCache.run<adapters::NoColumns>("COMMIT", none, rows);
    auto& checkpoint = writerCache.run<TextAndInts>("PRAGMA wal_checkpoint(TRUNCATE)", none, rows);
    REQUIRE(checkpoint.text.size() == 1);
    CHECK(checkpoint.text.front() == "0");  // not blocked by a reader

    cache.run<adapters::NoColumns>("BEGIN IMMEDIATE", none, rows);
    std::vector<adapters::SqlValue> two{Int64(2)};
    cache.run<adapters::NoColumns>("INSERT INTO t VALUES ($1)", two, rows);
    CHECK(rows == 1);
    cache.run<adapters::NoColumns>("COMMIT", none, rows);
    CHECK(cache.run<Ints>("SELECT SUM(k) FROM t", none, rows).values == std::vector<Int64>{3});
  }  // the caches finalize their statements before the sessions close the connections
}
