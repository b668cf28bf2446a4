#include "dbkit/sql_error.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <string_view>
#include <system_error>

#include <Poco/Data/DataException.h>
#include <Poco/Data/PostgreSQL/PostgreSQLException.h>
#include <Poco/Data/SQLite/SQLiteException.h>

namespace ucf::dbkit {
namespace {

namespace sqlite = Poco::Data::SQLite;

// PostgreSQL's SQLSTATE classes (Appendix A of its manual).
SqlErrorClass classOfSqlState(std::string_view state) {
  if (state == "23505") return SqlErrorClass::kUniqueViolation;
  if (state.substr(0, 2) == "08") return SqlErrorClass::kUnavailable;  // connection exception
  if (state == "57P01" || state == "57P02" || state == "57P03") {
    return SqlErrorClass::kUnavailable;  // admin shutdown, crash shutdown, cannot connect now
  }
  if (state == "57014") return SqlErrorClass::kTimeout;  // query_canceled: statement_timeout, a cancel
  if (state.substr(0, 2) == "53") {
    // 53100 disk_full; 53000/53200/53300/53400 are other exhausted resources (memory, connections):
    // the server cannot take the request now.
    return state == "53100" ? SqlErrorClass::kDiskFull : SqlErrorClass::kUnavailable;
  }
  if (state == "55P03" || state == "40001" || state == "40P01") return SqlErrorClass::kBusy;  // locks
  return SqlErrorClass::kOther;
}

SqlErrorClass classOfSqliteCode(int extended) {
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: return SqlErrorClass::kUniqueViolation;
    default: break;
  }
  switch (extended & 0xff) {
    case SQLITE_FULL: return SqlErrorClass::kDiskFull;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return SqlErrorClass::kBusy;
    case SQLITE_INTERRUPT: return SqlErrorClass::kTimeout;  // the progress handler's deadline
    default: return SqlErrorClass::kOther;                  // (SQLite's VFS reports a write's ENOSPC as SQLITE_FULL)
  }
}

// A POCO SQLite exception with no extended code (POCO's own statements set none): its type
// tells the primary result code.
SqlErrorClass classOfSqliteType(const sqlite::SQLiteException& e) {
  if (dynamic_cast<const sqlite::DatabaseFullException*>(&e)) return SqlErrorClass::kDiskFull;
  if (dynamic_cast<const sqlite::DBLockedException*>(&e) || dynamic_cast<const sqlite::TableLockedException*>(&e)) {
    return SqlErrorClass::kBusy;
  }
  if (dynamic_cast<const sqlite::InterruptException*>(&e)) return SqlErrorClass::kTimeout;
  return SqlErrorClass::kOther;
}

}  // namespace

const char* toString(SqlErrorClass errorClass) {
  switch (errorClass) {
    case SqlErrorClass::kUniqueViolation: return "unique-violation";
    case SqlErrorClass::kUnavailable: return "unavailable";
    case SqlErrorClass::kTimeout: return "timeout";
    case SqlErrorClass::kDiskFull: return "disk-full";
    case SqlErrorClass::kBusy: return "busy";
    case SqlErrorClass::kOther: return "other";
  }
  return "other";
}

std::string sqlStateOf(const std::exception& error) {
  const auto* pg = dynamic_cast<const Poco::Data::PostgreSQL::PostgreSQLException*>(&error);
  if (!pg) return {};
  static constexpr std::string_view kMarker = " State: ";
  const std::string& text = pg->message();
  const std::size_t at = text.rfind(kMarker);
  if (at == std::string::npos || text.size() < at + kMarker.size() + 5) return {};
  std::string state = text.substr(at + kMarker.size(), 5);
  for (char c : state) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return {};  // "N/A" and the like
  }
  return state;
}

SqlErrorClass classifySqlError(const std::exception& error, bool connectionAlive) {
  if (const auto* system = dynamic_cast<const std::system_error*>(&error)) {
    const std::error_code& code = system->code();
    if (code.category() == std::generic_category() || code.category() == std::system_category()) {
      if (code.value() == ENOSPC || code.value() == EDQUOT) return SqlErrorClass::kDiskFull;
    }
    return SqlErrorClass::kOther;
  }
  if (const auto* sqliteError = dynamic_cast<const sqlite::SQLiteException*>(&error)) {
    if (sqliteError->code() != 0) return classOfSqliteCode(sqliteError->code());
    return classOfSqliteType(*sqliteError);
  }
  if (dynamic_cast<const Poco::Data::PostgreSQL::PostgreSQLException*>(&error)) {
    const std::string state = sqlStateOf(error);
    if (!state.empty()) return classOfSqlState(state);
    // No SQLSTATE: libpq noticed the failure itself (the server closed the socket, a timeout
    // on the wire). On a connection that is gone, that is the server going away.
    return connectionAlive ? SqlErrorClass::kOther : SqlErrorClass::kUnavailable;
  }
  // POCO Data's engine-neutral exceptions: a connect that failed (also "the database system is
  // starting up"), a statement on a connection already found closed, a pool with none free.
  if (dynamic_cast<const Poco::Data::ConnectionFailedException*>(&error) ||
      dynamic_cast<const Poco::Data::NotConnectedException*>(&error) ||
      dynamic_cast<const Poco::Data::SessionUnavailableException*>(&error)) {
    return SqlErrorClass::kUnavailable;
  }
  if (dynamic_cast<const Poco::Data::SessionPoolExhaustedException*>(&error)) return SqlErrorClass::kBusy;
  return SqlErrorClass::kOther;
}

void throwSqliteError(sqlite3* db, int rc, const std::string& sql) {
  // The extended code when the connection has one for this failure (rc itself may be extended).
  const int extended = (db && (sqlite3_extended_errcode(db) & 0xff) == (rc & 0xff)) ? sqlite3_extended_errcode(db) : rc;
  const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_ERROR: throw sqlite::InvalidSQLStatementException(message, sql, extended);
    case SQLITE_INTERNAL: throw sqlite::InternalDBErrorException(message, sql, extended);
    case SQLITE_PERM: throw sqlite::DBAccessDeniedException(message, sql, extended);
    case SQLITE_ABORT: throw sqlite::ExecutionAbortedException(message, sql, extended);
    case SQLITE_BUSY: throw sqlite::DBLockedException(message, sql, extended);
    case SQLITE_LOCKED: throw sqlite::TableLockedException(message, sql, extended);
    case SQLITE_NOMEM: throw sqlite::NoMemoryException(message, sql, extended);
    case SQLITE_READONLY: throw sqlite::ReadOnlyException(message, sql, extended);
    case SQLITE_INTERRUPT: throw sqlite::InterruptException(message, sql, extended);
    case SQLITE_IOERR: throw sqlite::IOErrorException(message, sql, extended);
    case SQLITE_CORRUPT:
    case SQLITE_FORMAT:
    case SQLITE_NOTADB: throw sqlite::CorruptImageException(message, sql, extended);
    case SQLITE_NOTFOUND: throw sqlite::TableNotFoundException(message, sql, extended);
    case SQLITE_FULL: throw sqlite::DatabaseFullException(message, sql, extended);
    case SQLITE_CANTOPEN: throw sqlite::CantOpenDBFileException(message, sql, extended);
    case SQLITE_PROTOCOL: throw sqlite::LockProtocolException(message, sql, extended);
    case SQLITE_SCHEMA: throw sqlite::SchemaDiffersException(message, sql, extended);
    case SQLITE_TOOBIG: throw sqlite::RowTooBigException(message, sql, extended);
    case SQLITE_CONSTRAINT: throw sqlite::ConstraintViolationException(message, sql, extended);
    case SQLITE_MISMATCH: throw sqlite::DataTypeMismatchException(message, sql, extended);
    case SQLITE_MISUSE: throw sqlite::InvalidLibraryUseException(message, sql, extended);
    case SQLITE_NOLFS: throw sqlite::OSFeaturesMissingException(message, sql, extended);
    case SQLITE_AUTH: throw sqlite::AuthorizationDeniedException(message, sql, extended);
    case SQLITE_RANGE:
      throw sqlite::InvalidSQLStatementException("bind parameter out of range: " + message, sql, extended);
    default: throw sqlite::SQLiteException("result code " + std::to_string(rc) + ": " + message, sql, extended);
  }
}

}  // namespace ucf::dbkit
