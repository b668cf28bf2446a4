#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/persistence/database.hpp"

namespace ucf::adapters {

/// Applies the plugin's numbered migrations (embedded from migrations/<dialect>/NNN_*.sql) that
/// have not run yet, each in its own transaction, recording each in `ucf_schema_migrations`.
/// Safe when several hosts start at once: PostgreSQL takes an advisory lock, SQLite an
/// immediate transaction. Returns the names it applied. With `through` (a file name such as
/// `001_filings.sql`), stops after that one: how the upgrade tests build a database as an earlier
/// release left it.
std::vector<std::string> applyMigrations(Database& database, std::string_view through = {});

}  // namespace ucf::adapters
