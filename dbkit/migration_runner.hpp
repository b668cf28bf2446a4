#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <Poco/Data/Session.h>

#include "dbkit/dialect.hpp"
#include "ucf/sdk/clock.hpp"

namespace ucf::dbkit {

/// One program's numbered migrations and where it records them.
struct MigrationSet {
  /// The files, keyed `sqlite/NNN_name.sql` and `postgresql/NNN_name.sql` (as ucf_embed_files
  /// embeds a `migrations/` folder); each dialect's run in name order.
  const std::map<std::string, std::string_view, std::less<>>* files = nullptr;
  /// The table that records what ran (`name TEXT PRIMARY KEY`, and the column below), created
  /// when missing.
  std::string table;
  /// Its column for when each ran, in epoch milliseconds.
  std::string appliedAtColumn;
  /// The PostgreSQL advisory lock every process applying this set takes (any constant of its own).
  std::int64_t lockKey = 0;
};

/// Applies the migrations of `set` for `dialect` that `session` has not recorded yet, each in a
/// transaction of its own (SQLite: BEGIN IMMEDIATE) with its record, in name order, and returns
/// the names it applied (`001_x.sql`). Safe when several processes start at once: PostgreSQL
/// holds the set's advisory lock throughout (AdvisoryLock); on SQLite each file's immediate
/// transaction checks the record again. `through` (a file name): stop after it, as an older
/// release left the database (upgrade tests). `applied`: told each name as it commits. The
/// instant recorded comes from `clock`. A failing migration rolls back and the error is
/// rethrown; those before it stay applied. In-process writers are the caller's to serialise.
std::vector<std::string> applyMigrations(Poco::Data::Session& session, Dialect dialect, const MigrationSet& set,
                                         const sdk::Clock& clock, std::string_view through = {},
                                         const std::function<void(const std::string&)>& applied = {});

}  // namespace ucf::dbkit
