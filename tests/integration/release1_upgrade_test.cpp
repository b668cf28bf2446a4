// Migration 002 (filers, docs/PRODUCT.md §2.1) on a SQLite database that release 1 wrote.
#include <catch2/catch.hpp>

#include "tests/support/release1_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ucf;
using namespace ucf::test;

TEST_CASE("SQLite: release 1's filings get their creator and filer from their first history event") {
  TempDir dir;
  adapters::Database db{adapters::Dialect::kSqlite, (dir.path() / "filings.db").string(), 4};
  TestClock clock{shanghai(kStartDay)};
  StoreServices services{db, clock, dir.path()};
  loadRelease1(db);
  checkRelease1Upgrade(db, services);
}
