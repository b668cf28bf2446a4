#pragma once
// A plugin database as release 1 left it (migration 001 and the rows that release wrote,
// tests/fixtures/release-1/plugin_rows.sql), and the check that migration 002 upgrades it: each
// filing gets the creator of its first history event and that account as its filer (docs/PRODUCT.md §2.1).
// Shared by the SQLite and PostgreSQL tests. Header-only.

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "plugin/domain/filer.hpp"
#include "tests/support/store_fixture.hpp"

namespace ucf::test {

/// The ids and names release 1's host gave the two accounts of the fixture.
inline const domain::Actor kOldA{"u-2wCpUtPQ7JISdmBd", "old-a", "张三"};
inline const domain::Actor kOldB{"u-it6q4cJ9B-S9jjIb", "old-b", "张三"};

/// Builds release 1's database in `db` (empty): migration 001, then the fixture's rows.
inline void loadRelease1(adapters::Database& db) {
  REQUIRE(adapters::applyMigrations(db, migrationClock(), "001_filings.sql") ==
          std::vector<std::string>{"001_filings.sql"});
  std::ifstream in(std::string(UCF_SOURCE_DIR) + "/tests/fixtures/release-1/plugin_rows.sql");
  REQUIRE(in);
  Poco::Data::Session s = db.writeSession();
  int rows = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("INSERT ", 0) != 0) continue;
    s << line, Poco::Data::Keywords::now;
    ++rows;
  }
  CHECK(rows == 10);  // 3 filings, 4 history events, 3 form versions
  if (db.dialect() == adapters::Dialect::kPostgresql) {
    // Rows inserted with their ids leave the sequences behind.
    s << "SELECT setval(pg_get_serial_sequence('ucf_filing', 'id'), (SELECT MAX(id) FROM ucf_filing))",
        Poco::Data::Keywords::now;
    s << "SELECT setval(pg_get_serial_sequence('ucf_form_version', 'id'), (SELECT MAX(id) FROM ucf_form_version))",
        Poco::Data::Keywords::now;
  }
}

/// Applies the migrations after 001 to release 1's database and checks what they made of it,
/// through the store and the services.
inline void checkRelease1Upgrade(adapters::Database& db, StoreServices& s) {
  CHECK(adapters::applyMigrations(db, migrationClock()) ==
        std::vector<std::string>{"002_filers.sql", "003_notifications.sql", "004_history_head.sql", "005_review_list_index.sql"});

  auto first = s.store.find(1);
  REQUIRE(first);
  CHECK(first->creator == kOldA);
  CHECK(first->filer == domain::filerOf(false, kOldA.userId));
  auto deleted = s.store.find(2);
  REQUIRE(deleted);
  CHECK(deleted->deleted);
  CHECK(deleted->creator == kOldB);
  CHECK(s.store.find(3)->creator == kOldB);

  // Its creator still acts on it, as a registered account (unverified) or once trusted.
  app::Caller oldA = enterpriseCaller("91350100M000100Y43", kOldA.userId);
  oldA.verified = false;
  CHECK(must(s.filings.detail(oldA, 1)).id == 1);
  must(s.filings.edit(oldA, 1, {{"businessScope", std::string{"二手车出口"}}}, domain::SaveMode::kDraft,
                      first->version));
  // Its open 新增 still counts, for its filer only.
  CHECK(codeOf(s.filings.create(oldA, {}, domain::SaveMode::kDraft, {})) == domain::ErrorCode::kOpenApplicationExists);
  app::Caller enterprise = enterpriseCaller("91350100M000100Y43", "ca-1");  // verified
  CHECK(codeOf(s.filings.edit(enterprise, 1, {}, domain::SaveMode::kDraft, first->version + 1)) ==
        domain::ErrorCode::kConflict);  // reads and deletes it, no more
  const domain::Filing mine = must(s.filings.create(enterprise, {}, domain::SaveMode::kDraft, {}));
  CHECK(mine.filer == domain::kVerifiedFiler);
  // The database rule itself, per filer: a second open 新增 of old-a's filer is refused.
  domain::Filing second = domain::newFiling("91350100M000100Y43", {}, mine.createdAt);
  second.filer = first->filer;
  auto tx = s.store.beginWrite();
  CHECK_THROWS_AS(tx->insert(second, app::summarize(second, kStartDay)), app::UniqueViolation);
}

}  // namespace ucf::test
