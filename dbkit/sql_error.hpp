#pragma once

#include <exception>
#include <string>

struct sqlite3;

namespace ucf::dbkit {

/// What a failed database call means to its caller, the same for SQLite and PostgreSQL. Decided
/// by the engine's codes, never by message text: PostgreSQL's SQLSTATE, SQLite's extended result
/// code, errno for files, and the exception types POCO Data throws when it has no code to give.
enum class SqlErrorClass {
  kUniqueViolation,  ///< 23505; SQLITE_CONSTRAINT_UNIQUE or SQLITE_CONSTRAINT_PRIMARYKEY.
  kUnavailable,      ///< The server cannot be reached or dropped the connection: 08xxx, 57P01–57P03,
                     ///< a connect that failed, a connection found closed.
  kTimeout,          ///< The statement ran past its limit or was cancelled: 57014; SQLITE_INTERRUPT.
  kDiskFull,         ///< 53100 (and 53xxx); SQLITE_FULL; ENOSPC or EDQUOT from a file.
  kBusy,             ///< Waited too long for a lock or a connection: SQLITE_BUSY / SQLITE_LOCKED after
                     ///< the busy timeout, 55P03, 40001, 40P01, an exhausted pool.
  kOther,            ///< Anything else (a bug, a broken schema, a constraint other than uniqueness).
};

/// A short English name of the class (`unique-violation`, `unavailable`, …), for logs.
const char* toString(SqlErrorClass errorClass);

/// The class of `error`. `connectionAlive`: whether the connection the failing call used still
/// reports itself connected (Session::isConnected()). When libpq itself notices that the server
/// went away, POCO's exception carries no SQLSTATE; a PostgreSQL failure without one on a dead
/// connection is kUnavailable.
SqlErrorClass classifySqlError(const std::exception& error, bool connectionAlive = true);

/// The five-character SQLSTATE of a PostgreSQL failure as POCO 1.11 reports it (its execute error
/// appends the PG_DIAG_SQLSTATE field as ` State: XXXXX`; POCO has no accessor), or "" when the
/// exception carries none.
std::string sqlStateOf(const std::exception& error);

/// Throws the POCO SQLite exception that POCO itself throws for `rc` (same types, same
/// `sqlite3_errmsg` text), but with the connection's extended result code as the exception's
/// code(), so that classifySqlError can tell a UNIQUE constraint from a NOT NULL one. For code
/// that calls SQLite's C API directly (SqliteStatement); `db` is the connection that failed.
[[noreturn]] void throwSqliteError(sqlite3* db, int rc, const std::string& sql);

}  // namespace ucf::dbkit
