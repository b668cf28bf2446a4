#include "dbkit/migration_runner.hpp"

#include <chrono>

#include "dbkit/advisory_lock.hpp"
#include "dbkit/sql_script.hpp"

namespace ucf::dbkit {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

std::vector<std::string> applyMigrations(Poco::Data::Session& session, Dialect dialect, const MigrationSet& set,
                                         const sdk::Clock& clock, std::string_view through,
                                         const std::function<void(const std::string&)>& applied) {
  const bool sqlite = dialect == Dialect::kSqlite;
  const std::string prefix = sqlite ? "sqlite/" : "postgresql/";
  std::vector<std::string> names;
  AdvisoryLock lock(session, dialect, set.lockKey);
  session << "CREATE TABLE IF NOT EXISTS " + set.table + " (name TEXT PRIMARY KEY, " + set.appliedAtColumn +
                 " BIGINT NOT NULL)",
      now;
  for (const auto& [path, script] : *set.files) {
    if (path.rfind(prefix, 0) != 0) continue;
    const std::string name = path.substr(prefix.size());
    if (!through.empty() && name > through) break;  // the map is ordered by name
    session << (sqlite ? "BEGIN IMMEDIATE" : "BEGIN"), now;
    try {
      Poco::Int64 seen = 0;
      session << "SELECT COUNT(*) FROM " + set.table + " WHERE name = $1", useRef(name), into(seen), now;
      if (seen == 0) {
        for (const std::string& statement : splitSqlScript(script)) session << statement, now;
        const Poco::Int64 at =
            std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch()).count();
        session << "INSERT INTO " + set.table + " (name, " + set.appliedAtColumn + ") VALUES ($1, $2)", useRef(name),
            useRef(at), now;
      }
      session << "COMMIT", now;
      if (seen == 0) {
        names.push_back(name);
        if (applied) applied(name);
      }
    } catch (...) {
      try {
        session << "ROLLBACK", now;
      } catch (...) {
        // The connection is broken; the server discards the transaction with it.
      }
      throw;
    }
  }
  return names;
}

}  // namespace ucf::dbkit
