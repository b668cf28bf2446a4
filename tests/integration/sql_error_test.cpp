// classifySqlError on real failures of a real SQLite file and of real files: each class is
// produced by the engine, never built by hand (PostgreSQL's are in tests/postgresql/).

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>
#include <vector>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>

#include "dbkit/sql_error.hpp"
#include "adapters/persistence/statement_cache.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ucf;
using dbkit::SqlErrorClass;

namespace {

struct Sqlite {
  Sqlite() : session(open()), cache(session, false) {}
  static Poco::Data::Session open() {
    Poco::Data::SQLite::Connector::registerConnector();
    return Poco::Data::Session("SQLite", (dir().path() / "errors.db").string());
  }
  static test::TempDir& dir() {
    static test::TempDir d;
    return d;
  }
  // The class of what running `sql` on this connection throws (kOther when it does not throw).
  SqlErrorClass failureOf(const std::string& sql, std::vector<adapters::SqlValue> params = {}) {
    std::size_t rows = 0;
    try {
      cache.run<adapters::NoColumns>(sql, params, rows);
    } catch (const std::exception& e) {
      return dbkit::classifySqlError(e);
    }
    FAIL("no failure from " << sql);
    return SqlErrorClass::kOther;
  }
  Poco::Data::Session session;
  adapters::StatementCache cache;
};

int progressDeadline(void*) { return 1; }  // interrupt at once, like a deadline already passed

}  // namespace

TEST_CASE("SQL errors: SQLite's unique and primary-key violations are kUniqueViolation, other constraints are not") {
  Sqlite db;
  std::size_t rows = 0;
  std::vector<adapters::SqlValue> none;
  db.cache.run<adapters::NoColumns>("DROP TABLE IF EXISTS u", none, rows);
  db.cache.run<adapters::NoColumns>("CREATE TABLE u (k INTEGER PRIMARY KEY, v TEXT UNIQUE, n TEXT NOT NULL)", none,
                                    rows);
  db.cache.run<adapters::NoColumns>("INSERT INTO u VALUES (1, 'a', 'x')", none, rows);
  CHECK(db.failureOf("INSERT INTO u VALUES (2, 'a', 'x')") == SqlErrorClass::kUniqueViolation);
  CHECK(db.failureOf("INSERT INTO u VALUES (1, 'b', 'x')") == SqlErrorClass::kUniqueViolation);
  CHECK(db.failureOf("INSERT INTO u VALUES (3, 'c', NULL)") == SqlErrorClass::kOther);
  CHECK(db.failureOf("SELEKT 1") == SqlErrorClass::kOther);
  try {
    db.cache.run<adapters::NoColumns>("INSERT INTO u VALUES (4, 'a', 'x')", none, rows);
  } catch (const Poco::Data::SQLite::ConstraintViolationException& e) {
    CHECK(e.code() == SQLITE_CONSTRAINT_UNIQUE);  // POCO's type, with the extended code
    CHECK(e.displayText().find("UNIQUE constraint failed: u.v") != std::string::npos);
  }
}

TEST_CASE("SQL errors: a SQLite database at its size limit is kDiskFull (SQLITE_FULL)") {
  Sqlite db;
  std::size_t rows = 0;
  std::vector<adapters::SqlValue> none;
  db.cache.run<adapters::NoColumns>("DROP TABLE IF EXISTS big", none, rows);
  db.cache.run<adapters::NoColumns>("CREATE TABLE big (b BLOB)", none, rows);
  // The same SQLITE_FULL a full disk gives, without filling one.
  db.session << "PRAGMA max_page_count = 16", Poco::Data::Keywords::now;
  CHECK(db.failureOf("INSERT INTO big VALUES (zeroblob(1000000))") == SqlErrorClass::kDiskFull);
  // Through POCO's own statements (no extended code) the exception's type tells the same.
  try {
    db.session << "INSERT INTO big VALUES (zeroblob(1000000))", Poco::Data::Keywords::now;
    FAIL("no SQLITE_FULL");
  } catch (const Poco::Data::SQLite::DatabaseFullException& e) {
    CHECK(dbkit::classifySqlError(e) == SqlErrorClass::kDiskFull);
  }
}

TEST_CASE("SQL errors: SQLite busy after the busy timeout is kBusy; an interrupted statement is kTimeout") {
  Sqlite db;
  Sqlite other;
  std::size_t rows = 0;
  std::vector<adapters::SqlValue> none;
  other.session.setConnectionTimeout(0);  // no busy wait
  db.cache.run<adapters::NoColumns>("BEGIN IMMEDIATE", none, rows);
  CHECK(other.failureOf("BEGIN IMMEDIATE") == SqlErrorClass::kBusy);
  db.cache.run<adapters::NoColumns>("ROLLBACK", none, rows);

  sqlite3* handle = Poco::Data::SQLite::Utility::dbHandle(db.session);
  sqlite3_progress_handler(handle, 1, progressDeadline, nullptr);
  CHECK(db.failureOf("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) "
                     "SELECT MAX(x) FROM c") == SqlErrorClass::kTimeout);
  sqlite3_progress_handler(handle, 0, nullptr, nullptr);
}

TEST_CASE("SQL errors: a file write refused with ENOSPC is kDiskFull") {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  const char byte = 'x';
  const auto written = ::write(fd, &byte, 1);
  const int error = errno;
  ::close(fd);
  REQUIRE(written < 0);
  CHECK(dbkit::classifySqlError(std::system_error(error, std::generic_category(), "spool")) ==
        SqlErrorClass::kDiskFull);
  CHECK(dbkit::classifySqlError(std::system_error(EACCES, std::generic_category(), "spool")) ==
        SqlErrorClass::kOther);
}
