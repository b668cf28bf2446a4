#pragma once

#include <string>
#include <vector>

#include "adapters/persistence/database.hpp"

namespace ucf::adapters {

/// Applies the plugin's numbered migrations (embedded from migrations/<dialect>/NNN_*.sql) that
/// have not run yet, each in its own transaction, recording each in `ucf_schema_migrations`.
/// Safe when several hosts start at once: PostgreSQL takes an advisory lock, SQLite an
/// immediate transaction. Returns the names it applied.
std::vector<std::string> applyMigrations(Database& database);

}  // namespace ucf::adapters
