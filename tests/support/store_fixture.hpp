#pragma once

// The filing services wired over the real SqlFilingStore, as the plugin wires them, with a clock
// the test moves, for the SQLite and PostgreSQL store tests. Header-only: both test programs
// include it, and it needs nothing from the HTTP test host.

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>

#include <Poco/Data/Session.h>

#include "adapters/crypto/openssl_hasher.hpp"
#include "adapters/crypto/sha256.hpp"
#include "adapters/files/spooled_upload.hpp"
#include "adapters/persistence/database.hpp"
#include "adapters/persistence/migrations.hpp"
#include "adapters/persistence/sql_filing_store.hpp"
#include "dbkit/postgresql_uri.hpp"
#include "plugin/app/filing_service.hpp"
#include "plugin/app/review_service.hpp"
#include "plugin/domain/filing_lifecycle.hpp"
#include "reference/uscc.hpp"
#include "tests/support/service_fixture.hpp"

namespace ucf::test {

/// The services over `database`, wired as the plugin wires them.
struct StoreServices : FilingSteps {
  StoreServices(adapters::Database& database, const app::TimeSource& time, std::filesystem::path spoolFolder)
      : FilingSteps(filings, reviews, [this](const std::string& bytes) { return spool(bytes); }),
        store(database, time),
        writer(store, recorder, time),
        spoolDir(std::move(spoolFolder)) {}

  adapters::SqlFilingStore store;
  adapters::OpenSslHasher hasher;
  app::HistoryRecorder recorder{hasher};
  app::FilingWriter writer;
  app::FilingService filings{writer};
  app::ReviewService reviews{writer};
  std::filesystem::path spoolDir;

  /// `bytes` received into an upload spool, finished.
  [[nodiscard]] std::unique_ptr<adapters::SpooledUpload> spool(const std::string& bytes) const {
    auto s = std::make_unique<adapters::SpooledUpload>(spoolDir, 11 * 1024 * 1024);
    REQUIRE(s->append(bytes.data(), bytes.size()));
    s->finish();
    return s;
  }
};

/// Rows of a table matching a filter, straight from SQL (`$1` is `id`).
inline std::int64_t countRows(adapters::Database& database, const std::string& sql, std::int64_t id) {
  using namespace Poco::Data::Keywords;
  Poco::Data::Session s = database.session();
  Poco::Int64 key = id;
  Poco::Int64 count = 0;
  s << sql, use(key), into(count), now;
  return count;
}

/// Filings whose row's history head (migration 004: the last event's seq and hash, 0 and '' with
/// none) is not their last history event: 0 when every writer kept it true.
inline std::int64_t headsOutOfStep(adapters::Database& database) {
  return countRows(
      database,
      "SELECT COUNT(*) FROM ucf_filing f WHERE f.id > $1 AND (f.history_seq <> COALESCE((SELECT h.seq "
      "FROM ucf_history h WHERE h.filing_id = f.id ORDER BY h.seq DESC LIMIT 1), 0) OR f.history_hash <> "
      "COALESCE((SELECT h.hash FROM ucf_history h WHERE h.filing_id = f.id ORDER BY h.seq DESC LIMIT 1), ''))",
      0);
}

/// The whole bytes of an opened attachment.
inline std::string readAll(app::BlobReader& reader) {
  std::ostringstream out;
  reader.copyTo(out);
  return out.str();
}

}  // namespace ucf::test
