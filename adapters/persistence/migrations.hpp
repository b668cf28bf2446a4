#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/persistence/database.hpp"
#include "ucf/sdk/clock.hpp"

namespace ucf::adapters {

/// Applies the plugin's numbered migrations (embedded from migrations/<dialect>/NNN_*.sql) that
/// have not run yet, recording each in `ucf_schema_migrations` with the instant `clock` gives,
/// through dbkit's runner (the host's runs its own through the same). Returns the names it
/// applied. With `through` (a file name such as `001_filings.sql`), stops after that one: how
/// the upgrade tests build a database as an earlier release left it.
std::vector<std::string> applyMigrations(Database& database, const sdk::Clock& clock, std::string_view through = {});

}  // namespace ucf::adapters
