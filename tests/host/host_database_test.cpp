// The host database itself: SQLite settings on every pooled connection, migrations applied
// once and recorded, and the PostgreSQL URI translated for POCO.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <tuple>

#include <Poco/Data/Session.h>

#include "dbkit/postgresql_uri.hpp"
#include "mock-host/auth/host_database.hpp"
#include "mock-host/movable_clock.hpp"
#include "mock-host/stderr_logger.hpp"
#include "tests/support/temp_dir.hpp"

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using ucf::host::auth::HostDatabase;

namespace {

// The SQLite migration files in the source tree, in the order they run.
std::vector<std::string> migrationFiles() {
  std::vector<std::string> names;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(UCF_SOURCE_DIR) + "/mock-host/migrations/sqlite")) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("host database on SQLite: WAL, synchronous=FULL, foreign keys and a busy timeout on every connection") {
  ucf::test::TempDir dir;
  ucf::host::StderrLogger logger;
  ucf::host::MovableClock clock;
  HostDatabase db("sqlite:" + (dir.path() / "sub" / "host.sqlite").string(), 4, clock, logger);
  CHECK(db.dialect() == ucf::dbkit::Dialect::kSqlite);
  CHECK(db.appliedMigrations() == migrationFiles());

  // Hold several connections at once so that more than the first one is checked.
  db.read([&](Poco::Data::Session& first) {
    db.read([&](Poco::Data::Session& second) {
      for (Poco::Data::Session* s : {&first, &second}) {
        std::string mode;
        int synchronous = -1, foreignKeys = -1, busyTimeout = -1;
        *s << "PRAGMA journal_mode", into(mode), now;
        *s << "PRAGMA synchronous", into(synchronous), now;
        *s << "PRAGMA foreign_keys", into(foreignKeys), now;
        *s << "PRAGMA busy_timeout", into(busyTimeout), now;
        CHECK(mode == "wal");
        CHECK(synchronous == 2);  // FULL
        CHECK(foreignKeys == 1);
        CHECK(busyTimeout >= 1000);
      }
    });
  });
  // A session of an account that does not exist is refused by the foreign key.
  CHECK_THROWS(db.write([](Poco::Data::Session& s) {
    s << "INSERT INTO host_sessions (id_hash, account_id, csrf_token, principal_json, created_at_ms, "
         "last_seen_at_ms) VALUES ('h', 'no-such-account', 't', '{}', 0, 0)",
        now;
  }));
}

TEST_CASE("host database: migrations run once and are recorded, at the instant of the host's clock") {
  ucf::test::TempDir dir;
  ucf::host::StderrLogger logger;
  ucf::host::MovableClock clock;
  const auto start = std::chrono::sys_days(std::chrono::year(2031) / 5 / 6) + std::chrono::hours(7);
  clock.moveTo(start);
  std::string uri = "sqlite:" + (dir.path() / "host.sqlite").string();
  { HostDatabase first(uri, 2, clock, logger); }
  clock.moveTo(start + std::chrono::hours(24));
  HostDatabase second(uri, 2, clock, logger);
  CHECK(second.appliedMigrations() == migrationFiles());
  auto [rows, earliest, latest] = second.read([](Poco::Data::Session& s) {
    int n = 0;
    Poco::Int64 min = 0, max = 0;
    s << "SELECT COUNT(*), MIN(applied_at_ms), MAX(applied_at_ms) FROM host_schema_migrations", into(n), into(min),
        into(max), now;
    return std::make_tuple(n, min, max);
  });
  CHECK(rows == static_cast<int>(migrationFiles().size()));
  // Applied by the first host, when its clock said: the clock is injected, not read from the system.
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(start.time_since_epoch()).count();
  CHECK(earliest >= ms);
  CHECK(latest < ms + 60 * 60 * 1000);
}

TEST_CASE("host database: bad URIs are refused with a reason") {
  ucf::host::StderrLogger logger;
  ucf::host::MovableClock clock;
  CHECK_THROWS_WITH(HostDatabase("mysql://x", 2, clock, logger), Catch::Contains("sqlite:PATH or a postgresql://"));
  CHECK_THROWS(HostDatabase("sqlite:", 2, clock, logger));
}

TEST_CASE("a postgresql:// URI becomes POCO's key=value connection string") {
  CHECK(ucf::dbkit::postgresqlConnectionString("postgresql://postgres@127.0.0.1:54329/ucf_test") ==
        "host=127.0.0.1 port=54329 user=postgres dbname=ucf_test");
  CHECK(ucf::dbkit::postgresqlConnectionString("postgres://u:p%40ss@db.local/app?sslmode=disable") ==
        "host=db.local user=u password=p@ss dbname=app sslmode=disable");
  CHECK(ucf::dbkit::postgresqlConnectionString("postgresql://h/d?options=-csearch_path%3Dx") ==
        "host=h dbname=d options=-csearch_path=x");
  CHECK_THROWS(ucf::dbkit::postgresqlConnectionString("postgresql://u:a%20b@h/d"));
}
