#include "adapters/persistence/sqlite_statement.hpp"

#include <sqlite3.h>

#include <Poco/Data/SQLite/SQLiteException.h>
#include "dbkit/sql_error.hpp"

namespace ucf::adapters {

using dbkit::throwSqliteError;
namespace {

using Poco::Int64;
using Poco::Data::BLOB;

// Values are bound SQLITE_STATIC: run() clears the bindings before it returns.
int bind(sqlite3_stmt* st, int i, const std::string& v) {
  return sqlite3_bind_text64(st, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
}
int bind(sqlite3_stmt* st, int i, Int64 v) { return sqlite3_bind_int64(st, i, v); }
int bind(sqlite3_stmt* st, int i, const NullableText& v) {
  return v.isNull() ? sqlite3_bind_null(st, i) : bind(st, i, v.value());
}
int bind(sqlite3_stmt* st, int i, const NullableInt& v) {
  return v.isNull() ? sqlite3_bind_null(st, i) : bind(st, i, v.value());
}
int bind(sqlite3_stmt* st, int i, const BLOB& v) {
  // An empty BLOB has no pointer, and a null pointer would bind NULL instead of zero bytes.
  if (v.size() == 0) return sqlite3_bind_zeroblob(st, i, 0);
  return sqlite3_bind_blob64(st, i, v.rawContent(), v.size(), SQLITE_STATIC);
}

bool isNull(sqlite3_stmt* st, int c) { return sqlite3_column_type(st, c) == SQLITE_NULL; }

// Appends column `c` of the current row. Returns false when SQLite ran out of memory converting it.
bool read(sqlite3_stmt* st, int c, std::vector<Int64>& out) {
  out.push_back(sqlite3_column_int64(st, c));  // NULL reads 0
  return true;
}
bool read(sqlite3_stmt* st, int c, std::vector<std::string>& out) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
  if (!text) {
    out.emplace_back();  // NULL reads ""
    return isNull(st, c);
  }
  out.emplace_back(text, static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
  return true;
}
bool read(sqlite3_stmt* st, int c, std::vector<NullableText>& out) {
  if (isNull(st, c)) {
    out.emplace_back();
    return true;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
  if (!text) return false;
  out.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(st, c))));
  return true;
}
bool read(sqlite3_stmt* st, int c, std::vector<NullableInt>& out) {
  if (isNull(st, c)) {
    out.emplace_back();
  } else {
    out.emplace_back(static_cast<Int64>(sqlite3_column_int64(st, c)));
  }
  return true;
}
bool read(sqlite3_stmt* st, int c, std::vector<BLOB>& out) {
  const void* bytes = sqlite3_column_blob(st, c);
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(st, c));
  if (!bytes || size == 0) {
    out.emplace_back();  // NULL or empty reads no bytes
    return size == 0;
  }
  out.emplace_back(static_cast<const unsigned char*>(bytes), size);
  return true;
}

// Leaves the statement as prepare left it, however run() ends (after a throw, once the
// exception, which took sqlite3_errmsg's text, exists).
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* st) : st_(st) {}
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;
  ~ResetOnExit() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }

 private:
  sqlite3_stmt* st_;
};

}  // namespace

SqliteStatement::SqliteStatement(sqlite3* db, const std::string& sql) : db_(db), sql_(sql) {
  const char* tail = nullptr;
  // The length includes the terminating NUL (SQLite then need not copy the text).
  int rc = sqlite3_prepare_v3(db_, sql_.c_str(), static_cast<int>(sql_.size() + 1), SQLITE_PREPARE_PERSISTENT, &stmt_,
                              &tail);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt_);  // null after a failure, and a no-op on null
    stmt_ = nullptr;
    fail(rc);
  }
  try {
    if (!stmt_) throw Poco::Data::SQLite::InvalidSQLStatementException("empty statement", sql_);
    while (tail && *tail != '\0' && (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';')) ++tail;
    if (tail && *tail != '\0') throw Poco::Data::SQLite::InvalidSQLStatementException("more than one statement", sql_);
    const int count = sqlite3_bind_parameter_count(stmt_);
    indexes_.reserve(static_cast<std::size_t>(count));
    for (int n = 1; n <= count; ++n) {
      std::string name = "$";  // (not `"$" + std::to_string(n)`: g++ 12 -O3 warns falsely of an overlap)
      name += std::to_string(n);
      const int index = sqlite3_bind_parameter_index(stmt_, name.c_str());
      if (index == 0) {
        throw Poco::Data::SQLite::InvalidSQLStatementException(
            std::string("the parameters must be $1..$").append(std::to_string(count)).append("; ") + name +
                " is missing",
            sql_);
      }
      indexes_.push_back(index);
    }
    columnCount_ = sqlite3_column_count(stmt_);
    readOnly_ = sqlite3_stmt_readonly(stmt_) != 0;
  } catch (...) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    throw;
  }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

void SqliteStatement::fail(int rc) const { throwSqliteError(db_, rc, sql_); }

std::size_t SqliteStatement::run(const std::vector<SqlValue>& params, const std::vector<SqlColumns::Column>& columns) {
  if (params.size() != indexes_.size()) {
    throw Poco::Data::SQLite::ParameterCountMismatchException(
        std::to_string(params.size()) + " values for " + std::to_string(indexes_.size()) + " parameters", sql_);
  }
  if (!columns.empty() && columns.size() != static_cast<std::size_t>(columnCount_)) {
    throw Poco::Data::ExtractException(
        std::to_string(columns.size()) + " columns read of " + std::to_string(columnCount_) + " returned", sql_);
  }
  ResetOnExit reset(stmt_);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int rc = std::visit([&](const auto& value) { return bind(stmt_, indexes_[i], value); }, params[i]);
    if (rc != SQLITE_OK) fail(rc);
  }
  std::size_t rows = 0;
  while (true) {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) fail(rc);
    if (columns.empty()) continue;
    for (int c = 0; c < columnCount_; ++c) {
      if (!std::visit([&](auto* values) { return read(stmt_, c, *values); }, columns[static_cast<std::size_t>(c)])) {
        fail(SQLITE_NOMEM);
      }
    }
    ++rows;
  }
  if (columns.empty()) return readOnly_ ? 0 : static_cast<std::size_t>(sqlite3_changes64(db_));
  return rows;
}

}  // namespace ucf::adapters
