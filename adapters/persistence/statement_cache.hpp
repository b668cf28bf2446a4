#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <typeinfo>
#include <unordered_map>
#include <vector>

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include "adapters/persistence/sql_columns.hpp"
#include "adapters/persistence/sqlite_statement.hpp"

namespace ucf::adapters {

/// The statements one connection keeps prepared, by SQL text, so that running the same SQL again
/// only binds new values and executes. On SQLite they are SqliteStatements over the C API (POCO
/// 1.11 parses a Statement's SQL again at every execution); on PostgreSQL, POCO Statements (a new
/// Statement object costs a prepare, a describe and a deallocate round trip) whose parameters are
/// bound by reference to slots the entry owns (which keep their addresses). Either way the rows
/// go to the SqlColumns the entry owns. Not thread-safe: it belongs to the connection, which one
/// thread holds at a time, and must be destroyed before the connection's session.
class StatementCache {
 public:
  /// `session`: the connection, which outlives the cache. `postgresql`: POCO's PostgreSQL
  /// connector (see execute()); otherwise SQLite's.
  StatementCache(Poco::Data::Session& session, bool postgresql);
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache();

  /// Runs `sql` with `params` (in `$n` order) and returns its columns and the rows extracted or
  /// affected. The columns stay valid until the next run of the same SQL on this connection.
  /// `params` may be moved from. A statement that throws is dropped (it is prepared afresh next
  /// time) and the error rethrown. `mayFail`: the statement fails by design now and then (a
  /// unique violation); on PostgreSQL it is then prepared afresh for every run, never executed a
  /// second time (see execute()).
  template <typename Columns>
  Columns& run(const std::string& sql, std::vector<SqlValue>& params, std::size_t& rows, bool mayFail = false) {
    Entry& entry = prepared(
        sql, params, typeid(Columns), [] { return std::unique_ptr<SqlColumns>(std::make_unique<Columns>()); },
        !(mayFail && postgresql_));
    rows = execute(sql, entry, params);
    return static_cast<Columns&>(*entry.columns);
  }

  /// SQLite: from now on, a statement still running `limit` after it started is interrupted
  /// (SQLITE_INTERRUPT, through a progress handler checked every few thousand VM steps). On
  /// PostgreSQL the server enforces the limit (`statement_timeout`): nothing to do here.
  void setStatementLimit(std::chrono::milliseconds limit);

  /// How many statements are prepared (for tests).
  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  /// How many times a statement was prepared over the cache's life (for tests).
  [[nodiscard]] std::size_t prepares() const { return prepares_; }

  /// Most distinct statements a connection keeps; past it the cache starts over. The store's SQL
  /// varies only with which filters are set, so it stays well below.
  static constexpr std::size_t kMaxStatements = 256;

 private:
  struct Entry {
    std::unique_ptr<SqlColumns> columns;      // extracted into by reference
    std::vector<SqlColumns::Column> outputs;  // columns->columns(), listed once
    const std::type_info* columnsType = nullptr;
    std::size_t executions = 0;
    bool reuse = true;                        // false: replaced by a fresh statement at its next run
    std::unique_ptr<SqliteStatement> sqlite;  // SQLite
    std::deque<SqlValue> slots;               // PostgreSQL: bound by reference, a deque never moves its elements
    std::unique_ptr<Poco::Data::Statement> statement;  // PostgreSQL; declared last: destroyed first
  };

  Entry& prepared(const std::string& sql, std::vector<SqlValue>& params, const std::type_info& columnsType,
                  std::unique_ptr<SqlColumns> (*make)(), bool reuse);
  static bool reusable(const Entry& entry, const std::vector<SqlValue>& params, const std::type_info& columnsType);
  std::size_t execute(const std::string& sql, Entry& entry, const std::vector<SqlValue>& params);

  Poco::Data::Session& session_;
  bool postgresql_;
  static int pastDeadline(void* cache) noexcept;

  sqlite3* sqlite_ = nullptr;           // the SQLite connection's handle
  std::chrono::milliseconds limit_{0};  // 0: none
  std::chrono::steady_clock::time_point deadline_;
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;
  std::size_t prepares_ = 0;
};

}  // namespace ucf::adapters
