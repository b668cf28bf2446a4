#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "adapters/persistence/sql_columns.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace ucf::adapters {

/// One statement prepared once on a SQLite connection through the C API and run any number of
/// times: each run is bind, step to the end, reset. (POCO 1.11's SQLite binding parses the SQL
/// text again at every execution of a Poco::Data::Statement.)
///
/// Parameters are `$1..$n`: SQLite takes `$1` for a *named* parameter numbered by its first
/// appearance, so each is looked up by its name once, when the statement is prepared, and the
/// text may use them in any order and more than once. Errors throw what POCO's SQLite binding
/// throws for the same result code, with `sqlite3_errmsg`'s text and the extended result code as
/// code() (throwSqliteError, sql_error.hpp): a constraint is a ConstraintViolationException
/// (code() SQLITE_CONSTRAINT_UNIQUE for a unique index), SQLITE_BUSY after the connection's busy
/// timeout a DBLockedException.
///
/// Not thread-safe (it belongs to its connection); must be destroyed (finalized) before the
/// connection is closed.
class SqliteStatement {
 public:
  /// Prepares `sql`, which must be one statement whose parameters are exactly `$1..$n`.
  SqliteStatement(sqlite3* db, const std::string& sql);
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  /// Binds `params` to `$1..$n` (their number must match), steps through every row, appending
  /// each to `columns` (as many as the statement returns, or none: rows then go unread), and
  /// leaves the statement reset with no bindings, also when it throws, so that no read
  /// transaction stays open and no pointer into `params` is kept. Returns the rows read, or for
  /// a statement read with no columns, the rows it changed.
  std::size_t run(const std::vector<SqlValue>& params, const std::vector<SqlColumns::Column>& columns);

  /// How many `$n` parameters the statement takes.
  [[nodiscard]] std::size_t parameterCount() const { return indexes_.size(); }

 private:
  [[noreturn]] void fail(int rc) const;

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;           // for error messages
  std::vector<int> indexes_;  // the bind index of `$1`, `$2`, …
  int columnCount_ = 0;
  bool readOnly_ = true;
};

}  // namespace ucf::adapters
