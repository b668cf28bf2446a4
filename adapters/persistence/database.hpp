#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include "adapters/persistence/sql_values.hpp"
#include "adapters/persistence/statement_cache.hpp"
#include "dbkit/dialect.hpp"

namespace ucf::adapters {

using dbkit::Dialect;

/// The plugin's database connections, with the engine's settings applied: SQLite in WAL mode
/// with synchronous=FULL, foreign keys on and a busy timeout, writers serialised in-process by
/// `writeLock()` and across processes by BEGIN IMMEDIATE; PostgreSQL from a `postgresql://` URI.
///
/// The store works on leased connections (`lease()`), each of which keeps its statements
/// prepared (StatementCache) for as long as it lives; `session()` and `writeSession()` hand out
/// plain POCO sessions for one-off work (migrations, tests). Thread-safe.
class Database {
  struct Connection;

 public:
  /// One connection of the pool, held by one thread until the lease is destroyed. Move-only.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    /// The connection's session.
    Poco::Data::Session& session();
    /// The statements prepared on this connection.
    StatementCache& statements();

    /// Runs `sql`, one statement of literal SQL, with `args` bound to `$1..$n` in argument
    /// order. Its rows go to the returned columns, valid until the same SQL runs again here.
    template <typename Columns = NoColumns, typename... Args>
    Columns& query(const std::string& sql, Args&&... args) {
      std::vector<SqlValue> values = sqlValues(std::forward<Args>(args)...);
      return statements().run<Columns>(sql, values, rows_);
    }
    /// As `query`, for a statement that fails by design now and then (a unique index refuses
    /// it): see StatementCache::run.
    template <typename Columns = NoColumns, typename... Args>
    Columns& queryRefusable(const std::string& sql, Args&&... args) {
      std::vector<SqlValue> values = sqlValues(std::forward<Args>(args)...);
      return statements().run<Columns>(sql, values, rows_, true);
    }
    /// Runs a statement built from filters.
    template <typename Columns = NoColumns>
    Columns& query(SqlText& statement) {
      return statements().run<Columns>(statement.sql(), statement.values(), rows_);
    }
    /// Runs `sql` as `query` does, reading no rows; returns the rows it changed.
    template <typename... Args>
    std::size_t execute(const std::string& sql, Args&&... args) {
      query(sql, std::forward<Args>(args)...);
      return rows_;
    }

   private:
    friend class Database;
    Lease(Database& database, std::unique_ptr<Connection> connection);

    Database* database_;
    std::unique_ptr<Connection> connection_;
    std::size_t rows_ = 0;  // of the last statement
  };

  /// `location`: a file path for SQLite, a `postgresql://user@host:port/db` URI for PostgreSQL
  /// (dbkit::postgresqlConnectionString).
  /// `maxSessions` bounds the leased connections and, separately, the one-off sessions.
  Database(Dialect dialect, const std::string& location, int maxSessions);
  ~Database();

  [[nodiscard]] Dialect dialect() const { return dialect_; }
  /// A connection for reads and write transactions (SQLite: the writers' pragmas are applied
  /// when it is opened). When all are leased, waits up to the busy timeout for one to come back.
  Lease lease();
  /// PostgreSQL: opens the leased connections, up to the pool's size, one after the other on a
  /// background thread (stopped and joined by the destructor), so that the first burst of
  /// requests after a start finds them open instead of opening them all at the same instant
  /// (a second at p99 on two cores, issue 18; HikariCP's default fixed-size pool does the same).
  /// Stops at the first connection that fails to open: requests then open their own. SQLite:
  /// nothing (opening a file is cheap). Call once.
  void fillInBackground();
  /// A session from the pool of one-off sessions, ready for reads. When every pooled session is
  /// in use, waits (up to the busy timeout) for one to come back rather than failing.
  Poco::Data::Session session();
  /// A one-off session prepared for a write transaction (SQLite: per-connection pragmas applied).
  Poco::Data::Session writeSession();
  /// Serialises this process's SQLite writers (a no-op lock for PostgreSQL, whose rows lock).
  std::unique_lock<std::mutex> writeLock();

 private:
  Poco::Data::Session pooled();
  std::unique_ptr<Connection> open();
  void giveBack(std::unique_ptr<Connection> connection) noexcept;

  Dialect dialect_;
  std::string connector_;
  std::string connectionString_;
  std::unique_ptr<Poco::Data::SessionPool> pool_;
  std::mutex writeMutex_;

  // The leased connections' pool: idle ones (most recently used last) and how many are open.
  std::mutex leaseMutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  int maxConnections_;
  bool stopping_ = false;
  std::thread filler_;
};

}  // namespace ucf::adapters
