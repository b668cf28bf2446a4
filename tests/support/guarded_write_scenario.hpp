#pragma once

// A guarded write (FilingStore::beginGuardedWrite) over a real store whose filing another request
// changes between its read and its commit, shared by the SQLite and PostgreSQL tests.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/store_fixture.hpp"

namespace ucf::test {

/// The other request is not held up (the guarded write holds no lock before its commit), and the
/// commit then throws StaleVersion having stored nothing: not the row, the form version or the event.
inline void checkStaleGuardedWriteStoresNothing(StoreServices& s, adapters::Database& db, const TestClock& clock) {
  using domain::FilingStatus;
  namespace history_action = domain::history_action;
  const app::Caller owner = enterpriseCaller();
  domain::Filing f = must(s.filings.create(owner, {}, domain::SaveMode::kDraft, {}));
  auto tx = s.store.beginGuardedWrite();
  auto loaded = tx->load(f.id);
  REQUIRE(loaded);
  f = must(s.filings.edit(owner, f.id, {{"businessScope", std::string{"先到"}}}, domain::SaveMode::kDraft, f.version));
  s.writer.saveWithin(*tx, *loaded, loaded->version, owner.actor,
                      {{history_action::kSave, FilingStatus::kPendingSubmit, FilingStatus::kPendingSubmit, {}, ""}},
                      clock.now(), kStartDay, true);
  CHECK_THROWS_AS(tx->commit(), app::StaleVersion);
  tx.reset();
  CHECK(s.store.find(f.id) == f);
  std::vector<std::string> actions;
  for (const auto& e : s.store.history(f.id)) actions.push_back(e.action);
  CHECK(actions == std::vector<std::string>{history_action::kCreate, history_action::kSave});
  CHECK(countRows(db, "SELECT COUNT(*) FROM ucf_form_version WHERE filing_id = $1", f.id) == 2);
  CHECK(headsOutOfStep(db) == 0);
}

}  // namespace ucf::test
