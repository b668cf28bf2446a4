#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include "adapters/persistence/sql_values.hpp"
#include "adapters/persistence/statement_cache.hpp"
#include "adapters/persistence/store_error.hpp"
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
      return run<Columns>(sql, values, false);
    }
    /// As `query`, for a statement that fails by design now and then (a unique index refuses
    /// it): see StatementCache::run.
    template <typename Columns = NoColumns, typename... Args>
    Columns& queryRefusable(const std::string& sql, Args&&... args) {
      std::vector<SqlValue> values = sqlValues(std::forward<Args>(args)...);
      return run<Columns>(sql, values, true);
    }
    /// Runs a statement built from filters.
    template <typename Columns = NoColumns>
    Columns& query(SqlText& statement) {
      return run<Columns>(statement.sql(), statement.values(), false);
    }
    /// As `queryRefusable`, for a statement built piece by piece.
    template <typename Columns = NoColumns>
    Columns& queryRefusable(SqlText& statement) {
      return run<Columns>(statement.sql(), statement.values(), true);
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

    // Every statement runs here: a failure that is the database's, not the request's, leaves as
    // app::StoreFailure (store_error.hpp), the rest as it came.
    template <typename Columns>
    Columns& run(const std::string& sql, std::vector<SqlValue>& values, bool mayFail) {
      const std::size_t prepares = statements().prepares();
      ++database_->statementsRun_;
      try {
        Columns& columns = statements().run<Columns>(sql, values, rows_, mayFail);
        database_->statementsPrepared_ += statements().prepares() - prepares;
        return columns;
      } catch (...) {
        rethrowForStore(session().isConnected());
      }
    }

    Database* database_;
    std::unique_ptr<Connection> connection_;
    std::size_t rows_ = 0;  // of the last statement
  };

  /// The longest a leased connection's statement may run (docs/PRODUCT.md §8) unless told.
  static constexpr std::chrono::milliseconds kDefaultStatementLimit{5000};

  /// `location`: a file path for SQLite, a `postgresql://user@host:port/db` URI for PostgreSQL
  /// (dbkit::postgresqlConnectionString).
  /// `maxSessions` bounds the leased connections and, separately, the one-off sessions.
  /// `statementLimit` bounds every statement on a leased connection: PostgreSQL's
  /// `statement_timeout` (which also ends lock waits: 57014); on SQLite the busy timeout (a lock
  /// wait) and a progress handler that interrupts a statement still running at its deadline
  /// (SQLITE_INTERRUPT). Either way the statement fails and its request gets 503. The one-off
  /// sessions (migrations) have no limit.
  Database(Dialect dialect, const std::string& location, int maxSessions,
           std::chrono::milliseconds statementLimit = kDefaultStatementLimit);
  ~Database();

  [[nodiscard]] Dialect dialect() const { return dialect_; }
  /// A connection for reads and write transactions (SQLite: the writers' pragmas are applied
  /// when it is opened). When all are leased, waits up to the busy timeout for one to come back
  /// (then app::StoreFailure kBusy). An idle PostgreSQL connection that the server closed (a
  /// restart) is dropped here, not handed out; after one was, a new connection is opened only
  /// once the server answers a ping (otherwise app::StoreFailure kUnavailable), so requests during
  /// an outage fail fast and service resumes as soon as the server is back.
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

  /// What the leased connections sent since the start, for tests that keep a use case's round
  /// trips from growing: statements run, how many of them were prepared first (on PostgreSQL a
  /// prepare and a describe more each), and transaction control (BEGIN, COMMIT, ROLLBACK), each
  /// one round trip to PostgreSQL.
  struct Traffic {
    std::uint64_t statements = 0, prepared = 0, transactionControl = 0;
  };
  [[nodiscard]] Traffic traffic() const { return {statementsRun_, statementsPrepared_, transactionControl_}; }
  /// Counts one BEGIN, COMMIT or ROLLBACK sent on a leased connection.
  void countTransactionControl() { ++transactionControl_; }

 private:
  Poco::Data::Session pooled();
  std::unique_ptr<Connection> open();
  void giveBack(std::unique_ptr<Connection> connection) noexcept;
  static void discard(std::unique_ptr<Connection> connection) noexcept;

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
  std::chrono::milliseconds statementLimit_;
  std::atomic<std::uint64_t> statementsRun_{0}, statementsPrepared_{0}, transactionControl_{0};
  std::atomic<bool> serverLost_{false};  // a connection was found closed: ping before opening
  bool stopping_ = false;
  std::thread filler_;
};

}  // namespace ucf::adapters
