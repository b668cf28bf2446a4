#include "adapters/persistence/statement_cache.hpp"

namespace ucf::adapters {

bool StatementCache::reusable(const Entry& entry, const std::vector<SqlValue>& params,
                              const std::type_info& columnsType) {
  // The same SQL text always comes with the same kinds of values; anything else is prepared anew.
  if (*entry.columnsType != columnsType || entry.slots.size() != params.size()) return false;
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (entry.slots[i].index() != params[i].index()) return false;
  }
  return true;
}

void StatementCache::bind(Entry& entry, const std::string& sql) {
  Poco::Data::Statement& st = *entry.statement;
  st << sql;
  for (SqlValue& slot : entry.slots) {
    std::visit([&st](auto& value) { st, Poco::Data::Keywords::use(value); }, slot);
  }
  entry.columns->extractFrom(st);
}

StatementCache::~StatementCache() = default;

std::size_t StatementCache::execute(const std::string& sql, Entry& entry) {
  try {
    std::size_t rows = entry.statement->execute();
    ++entry.executions;
    return rows;
  } catch (...) {
    // Its state after a failure is POCO's business: never run it again.
    auto it = entries_.find(sql);
    if (postgresql_ && it->second->executions > 0) {
      // POCO 1.11's PostgreSQL StatementExecutor frees the previous execution's result at the
      // start of execute() without forgetting it; when that execution then fails, destroying the
      // statement frees the result a second time (glibc aborts: "double free"). Such a failure is
      // rare (a lost connection; statements that fail by design, like a unique violation, are never
      // executed twice, see run()): let this one statement object go unfreed.
      static_cast<void>(it->second->statement.release());
    }
    entries_.erase(it);
    throw;
  }
}

}  // namespace ucf::adapters
