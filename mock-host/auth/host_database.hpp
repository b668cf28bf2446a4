#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <Poco/Data/Session.h>

#include "dbkit/dialect.hpp"
#include "mock-host/auth/connection_pool.hpp"
#include "mock-host/auth/database_failure.hpp"
#include "ucf/sdk/clock.hpp"
#include "ucf/sdk/logger.hpp"

namespace ucf::host::auth {

/// The host's own database (accounts, sessions, captchas, challenges, login failures):
/// `sqlite:PATH` or a `postgresql://` URI, through POCO Data. Several hosts over one PostgreSQL
/// share everything in it. Opening it applies the numbered migrations of
/// `mock-host/migrations/<engine>/` (embedded in the binary) that have not run yet, and records
/// each in `host_schema_migrations` (dbkit's migration runner, the plugin's too).
///
/// SQLite runs in WAL mode with synchronous=FULL, foreign keys on and a busy timeout.
/// Thread-safe: each call leases a connection of its own (ConnectionPool).
class HostDatabase {
 public:
  /// Opens `uri`, with a pool of at most `maxSessions` connections (a call that finds all of
  /// them in use waits up to the busy timeout). Throws std::runtime_error naming the problem
  /// (bad URI, unreachable server, failed migration). `clock`: when migrations ran.
  /// `statementLimit`: the longest a statement may run (PostgreSQL `statement_timeout`; SQLite's
  /// busy timeout); past it, DatabaseFailure.
  HostDatabase(const std::string& uri, int maxSessions, const sdk::Clock& clock, sdk::Logger& logger,
               std::chrono::milliseconds statementLimit = std::chrono::milliseconds(5000));
  ~HostDatabase();
  HostDatabase(const HostDatabase&) = delete;
  HostDatabase& operator=(const HostDatabase&) = delete;

  /// The engine the URI named.
  [[nodiscard]] dbkit::Dialect dialect() const { return dialect_; }

  /// Runs `work` with a leased session. When a PostgreSQL connection turns out to be dead (one
  /// the server closed between the pool's check and its use), retries on another, up to
  /// kMaxAttempts in all. A failure that is the database's, not the request's, throws
  /// DatabaseFailure (rethrowDatabaseFailure). With SQLite, calls that write are
  /// serialised within this process (`write`), so that they queue here rather than in SQLite.
  template <typename Work>
  auto read(Work&& work) {
    return run(work, false);
  }
  /// As `read`, for work that writes.
  template <typename Work>
  auto write(Work&& work) {
    return run(work, true);
  }

  /// As `write`, inside one transaction (SQLite: `BEGIN IMMEDIATE`) committed when `work` returns
  /// and rolled back when it throws.
  template <typename Work>
  auto transact(Work&& work) {
    return write([&](Poco::Data::Session& session) {
      using Poco::Data::Keywords::now;
      session << (dialect_ == dbkit::Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN"), now;
      try {
        if constexpr (std::is_void_v<decltype(work(session))>) {
          work(session);
          session << "COMMIT", now;
        } else {
          auto result = work(session);
          session << "COMMIT", now;
          return result;
        }
      } catch (...) {
        try {
          session << "ROLLBACK", now;
        } catch (...) {
          // The connection is gone; the server dropped the transaction with it.
        }
        throw;
      }
    });
  }

  /// Names of the migrations that have run, in order (e.g. `001_auth.sql`).
  [[nodiscard]] std::vector<std::string> appliedMigrations();

  /// Milliseconds since the Unix epoch, as instants are stored.
  static std::int64_t toMillis(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  }

 private:
  static constexpr int kMaxAttempts = 4;

  template <typename Work>
  auto run(Work& work, bool writes) {
    std::unique_lock<std::mutex> lock(writeMutex_, std::defer_lock);
    if (writes && dialect_ == dbkit::Dialect::kSqlite) lock.lock();
    for (int attempt = 0;; ++attempt) {
      std::optional<ConnectionPool::Lease> lease;
      try {
        lease.emplace(pool_->acquire());
      } catch (...) {
        rethrowDatabaseFailure(false);  // no connection to be had: the server is away (or all busy)
      }
      Poco::Data::Session& session = lease->session();
      try {
        return work(session);
      } catch (const Poco::Exception&) {
        const bool alive = session.isConnected();
        if (attempt + 1 < kMaxAttempts && dialect_ == dbkit::Dialect::kPostgresql && !alive) {
          logger_.log(sdk::LogLevel::kWarning, "host database connection lost; retrying on a fresh one");
          continue;
        }
        rethrowDatabaseFailure(alive);
      }
    }
  }

  void migrate(const sdk::Clock& clock);

  dbkit::Dialect dialect_;
  std::unique_ptr<ConnectionPool> pool_;
  std::mutex writeMutex_;
  sdk::Logger& logger_;
};

}  // namespace ucf::host::auth
