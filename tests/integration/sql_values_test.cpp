// Binding by position (adapters/persistence/sql_values.hpp) on a real SQLite file: a value's
// placeholder is its place in the argument list, and a filtered statement numbers each value
// where its condition is appended.

#include <catch2/catch.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapters/persistence/database.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ucf;
using adapters::SqlText;

namespace {

struct Texts final : adapters::SqlColumns {
  std::vector<std::string> values;
  std::vector<Column> columns() override { return {&values}; }
};

struct Ints final : adapters::SqlColumns {
  std::vector<Poco::Int64> values;
  std::vector<Column> columns() override { return {&values}; }
};

}  // namespace

TEST_CASE("query binds its arguments to $1..$n by position, wherever the SQL uses them") {
  test::TempDir dir;
  adapters::Database db{adapters::Dialect::kSqlite, (dir.path() / "t.db").string(), 1};
  adapters::Database::Lease lease = db.lease();
  CHECK(lease.query<Texts>("SELECT $2 || $1 || $2", "a", "b").values == std::vector<std::string>{"bab"});
  // Every kind converts as documented: integers and bools as 64-bit integers, empty optionals as NULL.
  const std::optional<std::string> none;
  CHECK(lease.query<Ints>("SELECT $1 + $2 + $3 + ($4 IS NULL)", 1, Poco::Int64(1) << 40, true, none).values ==
        std::vector<Poco::Int64>{(Poco::Int64(1) << 40) + 3});
  lease.execute("CREATE TABLE t (x INTEGER, y TEXT)");
  CHECK(lease.execute("INSERT INTO t (y, x) VALUES ($2, $1)", 7, "seven") == 1);
  CHECK(lease.query<Texts>("SELECT y FROM t WHERE x = $1", 7).values == std::vector<std::string>{"seven"});
}

TEST_CASE("a filtered statement numbers each value where its condition is appended") {
  SqlText q("SELECT id FROM t WHERE a = $1", "A");
  q.add(" AND b = ?", 2);
  q.add(" AND deleted = 0");
  q.add(" AND (c LIKE ? OR d LIKE ?)", std::string("%p%"));
  CHECK(q.sql() == "SELECT id FROM t WHERE a = $1 AND b = $2 AND deleted = 0 AND (c LIKE $3 OR d LIKE $3)");
  REQUIRE(q.values().size() == 3);
  CHECK(std::get<std::string>(q.values()[0]) == "A");
  CHECK(std::get<Poco::Int64>(q.values()[1]) == 2);
  CHECK(std::get<std::string>(q.values()[2]) == "%p%");
  // A value needs its `?`, and a `?` its value: neither can be left to bind something else.
  CHECK_THROWS_AS(q.add(" AND e = ?"), std::logic_error);
  CHECK_THROWS_AS(q.add(" AND e = 1", 5), std::logic_error);
}
