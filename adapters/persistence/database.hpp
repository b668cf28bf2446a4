#pragma once

#include <memory>
#include <mutex>
#include <string>

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

namespace ucf::adapters {

/// Which SQL engine a Database talks to.
enum class Dialect { kSqlite, kPostgresql };

/// A pool of POCO Data sessions to the plugin's database, with the engine's settings applied:
/// SQLite in WAL mode with synchronous=FULL, foreign keys on and a busy timeout, writers
/// serialised in-process by `writeLock()` and across processes by BEGIN IMMEDIATE; PostgreSQL
/// from a `postgresql://` URI. Thread-safe.
class Database {
 public:
  /// `location`: a file path for SQLite, a `postgresql://user@host:port/db` URI for PostgreSQL.
  Database(Dialect dialect, const std::string& location, int maxSessions);
  ~Database();

  [[nodiscard]] Dialect dialect() const { return dialect_; }
  /// A session from the pool, ready for reads.
  Poco::Data::Session session();
  /// A session prepared for a write transaction (SQLite: per-connection pragmas applied).
  Poco::Data::Session writeSession();
  /// Serialises this process's SQLite writers (a no-op lock for PostgreSQL, whose rows lock).
  std::unique_lock<std::mutex> writeLock();

  /// libpq's `key=value` connection string of a `postgresql://` URI.
  static std::string postgresConnectionString(const std::string& uri);

 private:
  Dialect dialect_;
  std::unique_ptr<Poco::Data::SessionPool> pool_;
  std::mutex writeMutex_;
};

}  // namespace ucf::adapters
