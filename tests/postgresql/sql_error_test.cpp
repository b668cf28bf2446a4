// classifySqlError on real PostgreSQL failures: a unique index, statement_timeout, a lock wait
// past lock_timeout, a connection the server terminated (57P01, then a closed connection).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "adapters/persistence/database.hpp"
#include "dbkit/sql_error.hpp"
#include "tests/support/pg_schema.hpp"

using namespace ucf;
using namespace ucf::test;
using dbkit::SqlErrorClass;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

namespace {

// The class of what `sql` throws on `lease` (through the connection's statement cache, as the
// store runs it), and the SQLSTATE POCO reported.
std::pair<SqlErrorClass, std::string> failureOf(adapters::Database::Lease& lease, const std::string& sql) {
  std::vector<adapters::SqlValue> none;
  std::size_t rows = 0;
  try {
    lease.statements().run<adapters::NoColumns>(sql, none, rows);
  } catch (const std::exception& e) {
    return {dbkit::classifySqlError(e, lease.session().isConnected()), dbkit::sqlStateOf(e)};
  }
  FAIL("no failure from " << sql);
  return {SqlErrorClass::kOther, ""};
}

}  // namespace

TEST_CASE("PostgreSQL errors: 23505 is kUniqueViolation, 57014 kTimeout, 55P03 kBusy, a syntax error kOther") {
  PgSchema schema;
  adapters::Database db(adapters::Dialect::kPostgresql, schema.uri(), 4);
  auto lease = db.lease();
  lease.session() << "CREATE TABLE u (k INTEGER PRIMARY KEY, v TEXT UNIQUE)", now;
  lease.session() << "INSERT INTO u VALUES (1, 'a')", now;

  CHECK(failureOf(lease, "INSERT INTO u VALUES (2, 'a')") ==
        std::pair{SqlErrorClass::kUniqueViolation, std::string("23505")});
  CHECK(failureOf(lease, "SELEKT 1").first == SqlErrorClass::kOther);

  lease.session() << "SET statement_timeout = 50", now;
  CHECK(failureOf(lease, "SELECT pg_sleep(5)") == std::pair{SqlErrorClass::kTimeout, std::string("57014")});
  lease.session() << "SET statement_timeout = 0", now;

  auto holder = db.lease();
  holder.session() << "BEGIN", now;
  holder.session() << "SELECT k FROM u WHERE k = 1 FOR UPDATE", now;
  lease.session() << "SET lock_timeout = 50", now;
  CHECK(failureOf(lease, "SELECT k FROM u WHERE k = 1 FOR UPDATE") ==
        std::pair{SqlErrorClass::kBusy, std::string("55P03")});
  holder.session() << "ROLLBACK", now;
}

TEST_CASE("PostgreSQL errors: a connection the server terminates is kUnavailable, then and afterwards") {
  PgSchema schema;
  adapters::Database db(adapters::Dialect::kPostgresql, schema.uri(), 4);
  auto victim = db.lease();
  int pid = 0;
  victim.session() << "SELECT pg_backend_pid()", into(pid), now;
  {
    auto admin = db.lease();
    bool done = false;
    admin.session() << "SELECT pg_terminate_backend(" + std::to_string(pid) + ")", into(done), now;
    REQUIRE(done);
  }
  // The first statement reads the server's 57P01 (or finds the socket closed, without a SQLSTATE,
  // on a dead connection); either way the class is the same.
  CHECK(failureOf(victim, "SELECT 1").first == SqlErrorClass::kUnavailable);
  CHECK(!victim.session().isConnected());
  // Later statements on it fail before they reach the server (NotConnectedException).
  CHECK(failureOf(victim, "SELECT 2").first == SqlErrorClass::kUnavailable);
}
