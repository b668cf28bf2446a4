#include "adapters/persistence/statement_cache.hpp"

#include <sqlite3.h>

#include <Poco/Data/SQLite/Utility.h>

#include "dbkit/connection_health.hpp"

namespace ucf::adapters {

using dbkit::keepForever;

StatementCache::StatementCache(Poco::Data::Session& session, bool postgresql)
    : session_(session), postgresql_(postgresql) {
  if (!postgresql_) sqlite_ = Poco::Data::SQLite::Utility::dbHandle(session_);
}

StatementCache::~StatementCache() {
  if (sqlite_ && limit_.count() > 0) sqlite3_progress_handler(sqlite_, 0, nullptr, nullptr);
}  // then finalizes every statement; the session closes after

void StatementCache::setStatementLimit(std::chrono::milliseconds limit) {
  limit_ = limit;
  // Every 4096 virtual-machine steps, a few microseconds of work: the deadline is checked often
  // enough, and a clock read per check costs nothing next to them.
  if (sqlite_) sqlite3_progress_handler(sqlite_, limit_.count() > 0 ? 4096 : 0, &StatementCache::pastDeadline, this);
}

int StatementCache::pastDeadline(void* cache) noexcept {
  return std::chrono::steady_clock::now() >= static_cast<StatementCache*>(cache)->deadline_ ? 1 : 0;
}

bool StatementCache::reusable(const Entry& entry, const std::vector<SqlValue>& params,
                              const std::type_info& columnsType) {
  // The same SQL text always comes with the same kinds of values; anything else is prepared anew.
  // (SQLite binds each run's values afresh, whatever their kinds.)
  if (*entry.columnsType != columnsType) return false;
  if (entry.sqlite) return true;
  if (entry.slots.size() != params.size()) return false;
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (entry.slots[i].index() != params[i].index()) return false;
  }
  return true;
}

StatementCache::Entry& StatementCache::prepared(const std::string& sql, std::vector<SqlValue>& params,
                                                const std::type_info& columnsType,
                                                std::unique_ptr<SqlColumns> (*make)(), bool reuse) {
  auto it = entries_.find(sql);
  if (it != entries_.end() && it->second->reuse && reusable(*it->second, params, columnsType)) {
    Entry& entry = *it->second;
    if (!entry.sqlite) {
      for (std::size_t i = 0; i < params.size(); ++i) entry.slots[i] = std::move(params[i]);
    }
    SqlColumns::clear(entry.outputs);
    return entry;
  }
  if (it != entries_.end()) entries_.erase(it);
  if (entries_.size() >= kMaxStatements) entries_.clear();
  auto entry = std::make_unique<Entry>();
  entry->columns = make();
  entry->outputs = entry->columns->columns();
  entry->columnsType = &columnsType;
  entry->reuse = reuse;
  if (sqlite_) {
    entry->sqlite = std::make_unique<SqliteStatement>(sqlite_, sql);
  } else {
    entry->slots.assign(std::make_move_iterator(params.begin()), std::make_move_iterator(params.end()));
    entry->statement = std::make_unique<Poco::Data::Statement>(session_);
    Poco::Data::Statement& st = *entry->statement;
    st << sql;
    for (SqlValue& slot : entry->slots) {
      std::visit([&st](auto& value) { st, Poco::Data::Keywords::use(value); }, slot);
    }
    for (const SqlColumns::Column& column : entry->outputs) {
      std::visit([&st](auto* values) { st, Poco::Data::Keywords::into(*values); }, column);
    }
  }
  ++prepares_;
  return *entries_.emplace(sql, std::move(entry)).first->second;
}

std::size_t StatementCache::execute(const std::string& sql, Entry& entry, const std::vector<SqlValue>& params) {
  try {
    // SQLite binds `params` themselves; POCO's statement binds the slots they were moved to.
    if (entry.sqlite && limit_.count() > 0) deadline_ = std::chrono::steady_clock::now() + limit_;
    std::size_t rows = entry.sqlite ? entry.sqlite->run(params, entry.outputs) : entry.statement->execute();
    ++entry.executions;
    return rows;
  } catch (...) {
    // A statement that failed is not run again: POCO's state after a failure is its own business
    // (SQLite's is reset and could run, but one rule for both costs a prepare after a rare error).
    auto it = entries_.find(sql);
    if (postgresql_ && it->second->executions > 0) {
      // POCO 1.11's PostgreSQL StatementExecutor frees the previous execution's result at the
      // start of execute() without forgetting it; when that execution then fails, destroying the
      // statement frees the result a second time (glibc aborts: "double free"). Such a failure is
      // rare (a lost connection; statements that fail by design, like a unique violation, are never
      // executed twice, see run()): let this one statement object go unfreed.
      keepForever(it->second->statement.release());
    }
    entries_.erase(it);
    throw;
  }
}

}  // namespace ucf::adapters
