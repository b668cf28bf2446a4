#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

namespace ucf::host::admin {

/// What `mock-host verify` found.
struct VerifyReport {
  std::int64_t filings = 0;
  std::int64_t events = 0;
  std::int64_t files = 0;
  std::vector<std::string> problems;  ///< One line each, naming the database, the row and the rule.
};

/// Recomputes, in the plugin database of `session` (SQLite or PostgreSQL), every filing's history
/// hash chain (each event's hash is SHA-256 of `prevHash + "\n" + content`, its prevHash the
/// previous event's hash or 64 zeros, seq 1, 2, …: docs/PRODUCT.md §5) and every stored file's
/// SHA-256 and size from its chunks. Adds what is broken to `report`, prefixed with `label`.
void verifyPluginData(Poco::Data::Session& session, const std::string& label, VerifyReport& report);

/// SQLite's own check of a database file (`PRAGMA integrity_check`); adds what is broken.
void verifySqliteFile(Poco::Data::Session& session, const std::string& label, VerifyReport& report);

}  // namespace ucf::host::admin
