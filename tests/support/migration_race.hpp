#pragma once

// Two plugin instances applying the migrations at the same moment (two hosts starting at once),
// shared by the SQLite and PostgreSQL tests: exactly one applies each migration, neither fails.

#include <catch2/catch.hpp>

#include <barrier>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/store_fixture.hpp"

namespace ucf::test {

inline void checkMigrationsApplyOnce(adapters::Database& a, adapters::Database& b) {
  std::barrier start(2);
  std::vector<std::string> applied[2];
  std::string errors[2];
  auto run = [&](adapters::Database& db, int i) {
    start.arrive_and_wait();
    try {
      applied[i] = adapters::applyMigrations(db, migrationClock());
    } catch (const Poco::Exception& e) {
      errors[i] = e.displayText();
    } catch (const std::exception& e) {
      errors[i] = e.what();
    }
  };
  std::thread ta(run, std::ref(a), 0);
  std::thread tb(run, std::ref(b), 1);
  ta.join();
  tb.join();
  CHECK(errors[0].empty());
  CHECK(errors[1].empty());
  // 001_filings, 002_filers, 003_notifications, 004_history_head, 005_review_list_index
  CHECK(applied[0].size() + applied[1].size() == 5);
  CHECK(countRows(a, "SELECT COUNT(*) FROM ucf_schema_migrations WHERE $1 = $1", 0) == 5);
}

}  // namespace ucf::test
