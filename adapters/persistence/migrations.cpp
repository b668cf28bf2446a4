#include "adapters/persistence/migrations.hpp"

#include <map>
#include <string_view>

#include <Poco/Data/Session.h>

namespace ucf::embedded {
const std::map<std::string, std::string_view, std::less<>>& migrationFiles();
}

namespace ucf::adapters {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

constexpr Poco::Int64 kAdvisoryLockKey = 0x75636600;  // "ucf\0"

// Splits a migration file into statements: `--` comments dropped, `;` at a line's end ends one.
std::vector<std::string> statementsOf(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  std::size_t pos = 0;
  while (pos < sql.size()) {
    std::size_t end = sql.find('\n', pos);
    std::string_view line = sql.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? sql.size() : end + 1;
    if (auto c = line.find("--"); c != std::string_view::npos) line = line.substr(0, c);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty()) continue;
    current.append(line).push_back('\n');
    if (line.back() == ';') {
      out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \n") != std::string::npos) out.push_back(current);
  return out;
}

}  // namespace

std::vector<std::string> applyMigrations(Database& database, std::string_view through) {
  const bool sqlite = database.dialect() == Dialect::kSqlite;
  const std::string prefix = sqlite ? "sqlite/" : "postgresql/";
  std::vector<std::string> applied;
  auto lock = database.writeLock();
  Poco::Data::Session s = database.writeSession();
  if (!sqlite) {
    Poco::Int64 key = kAdvisoryLockKey;
    s << "SELECT pg_advisory_lock($1)", use(key), now;
  }
  try {
    s << "CREATE TABLE IF NOT EXISTS ucf_schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)", now;
    for (const auto& [name, sql] : ucf::embedded::migrationFiles()) {
      if (name.rfind(prefix, 0) != 0) continue;
      std::string id = name.substr(prefix.size());
      if (!through.empty() && id > through) break;  // the map is ordered by name
      if (sqlite) {
        s << "BEGIN IMMEDIATE", now;
      } else {
        s.begin();
      }
      try {
        Poco::Int64 count = 0;
        s << "SELECT COUNT(*) FROM ucf_schema_migrations WHERE name = $1", use(id), into(count), now;
        if (count == 0) {
          for (const auto& statement : statementsOf(sql)) s << statement, now;
          Poco::Int64 at =
              std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
                  .count();
          s << "INSERT INTO ucf_schema_migrations (name, applied_at) VALUES ($1, $2)", use(id), use(at), now;
          applied.push_back(id);
        }
        if (sqlite) {
          s << "COMMIT", now;
        } else {
          s.commit();
        }
      } catch (...) {
        if (sqlite) {
          s << "ROLLBACK", now;
        } else {
          s.rollback();
        }
        throw;
      }
    }
  } catch (...) {
    if (!sqlite) {
      Poco::Int64 key = kAdvisoryLockKey;
      s << "SELECT pg_advisory_unlock($1)", use(key), now;
    }
    throw;
  }
  if (!sqlite) {
    Poco::Int64 key = kAdvisoryLockKey;
    s << "SELECT pg_advisory_unlock($1)", use(key), now;
  }
  return applied;
}

}  // namespace ucf::adapters
