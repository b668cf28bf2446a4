#include "adapters/persistence/database.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include <sqlite3.h>

#include <Poco/Data/DataException.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>

#include "dbkit/postgresql_uri.hpp"

#include "dbkit/connection_health.hpp"
#include "adapters/persistence/store_error.hpp"
#include "plugin/app/store_failure.hpp"

namespace ucf::adapters {

using dbkit::discardSession;
using dbkit::postgresAnswers;
using dbkit::stillConnected;
namespace {

constexpr int kBusyTimeoutSeconds = 10;

void registerConnectors() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
  });
}

}  // namespace

/// A leased connection: its session and the statements prepared on it (destroyed first: SQLite's
/// are finalized before the session closes the connection).
struct Database::Connection {
  Connection(Poco::Data::Session s, bool postgresql) : session(std::move(s)) {
    statements.emplace(session, postgresql);
  }
  Poco::Data::Session session;
  std::optional<StatementCache> statements;
};

Database::Lease::Lease(Database& database, std::unique_ptr<Connection> connection)
    : database_(&database), connection_(std::move(connection)) {}

Database::Lease::Lease(Lease&& other) noexcept
    : database_(other.database_), connection_(std::move(other.connection_)) {}

Database::Lease::~Lease() {
  if (connection_) database_->giveBack(std::move(connection_));
}

Poco::Data::Session& Database::Lease::session() { return connection_->session; }

StatementCache& Database::Lease::statements() { return *connection_->statements; }

Database::Database(Dialect dialect, const std::string& location, int maxSessions,
                   std::chrono::milliseconds statementLimit)
    : dialect_(dialect),
      connector_(dialect == Dialect::kSqlite ? "SQLite" : "PostgreSQL"),
      connectionString_(dialect == Dialect::kSqlite ? location : dbkit::postgresqlConnectionString(location)),
      maxConnections_(std::max(1, maxSessions)),
      statementLimit_(std::max(statementLimit, std::chrono::milliseconds(1))) {
  registerConnectors();
  pool_ = std::make_unique<Poco::Data::SessionPool>(connector_, connectionString_, 1, maxSessions, 60);
  if (dialect_ == Dialect::kSqlite) {
    Poco::Data::Session s = pool_->get();
    s << "PRAGMA journal_mode=WAL", Poco::Data::Keywords::now;
  }
}

Database::~Database() {
  {
    std::lock_guard lock(leaseMutex_);
    stopping_ = true;
  }
  if (filler_.joinable()) filler_.join();
  {
    std::lock_guard lock(leaseMutex_);
    idle_.clear();  // every lease has ended: the store and its readers die before the database
  }
  if (pool_) pool_->shutdown();
}

std::unique_ptr<Database::Connection> Database::open() {
  if (dialect_ == Dialect::kPostgresql && serverLost_.load(std::memory_order_relaxed) &&
      !postgresAnswers(connectionString_)) {
    // POCO 1.11 leaks the libpq connection of a failed connect: ask first while the server is away.
    throw app::StoreFailure(app::StoreFailure::Kind::kUnavailable, "the PostgreSQL server does not answer");
  }
  std::unique_ptr<Connection> connection;
  try {
    connection = std::make_unique<Connection>(Poco::Data::Session(connector_, connectionString_),
                                              dialect_ == Dialect::kPostgresql);
    if (dialect_ == Dialect::kSqlite) {
      // Per-connection settings, once: the busy timeout, durable commits, enforced references.
      sqlite3_busy_timeout(Poco::Data::SQLite::Utility::dbHandle(connection->session),
                           static_cast<int>(statementLimit_.count()));
      connection->session << "PRAGMA synchronous=FULL", Poco::Data::Keywords::now;
      connection->session << "PRAGMA foreign_keys=ON", Poco::Data::Keywords::now;
    } else {
      connection->session << "SET statement_timeout = " + std::to_string(statementLimit_.count()),
          Poco::Data::Keywords::now;
      // No JIT compilation: a prepared statement's generic plan prices `LIMIT $n` at a tenth of the
      // table, over jit_above_cost at 100,000 filings, so every page of the ministry's list paid
      // ~15 ms of compiling for a 0.5 ms query (150 req/s; docs/BENCHMARKS.md). The plugin's
      // statements are all short; none gains from JIT.
      connection->session << "SET jit = off", Poco::Data::Keywords::now;
    }
    connection->statements->setStatementLimit(statementLimit_);
  } catch (...) {
    if (dialect_ == Dialect::kPostgresql) serverLost_ = true;
    if (connection) discard(std::move(connection));
    rethrowForStore(false);
  }
  serverLost_ = false;
  return connection;
}

void Database::discard(std::unique_ptr<Connection> connection) noexcept {
  connection->statements.reset();  // finalized before their session goes
  discardSession(std::move(connection->session));
}

Database::Lease Database::lease() {
  std::unique_lock lock(leaseMutex_);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kBusyTimeoutSeconds);
  while (true) {
    if (!returned_.wait_until(lock, deadline, [&] { return !idle_.empty() || open_ < maxConnections_; })) {
      throw app::StoreFailure(app::StoreFailure::Kind::kBusy, "every database connection stayed in use for " +
                                                                  std::to_string(kBusyTimeoutSeconds) + " s");
    }
    if (idle_.empty()) break;
    std::unique_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    if (dialect_ == Dialect::kSqlite || stillConnected(connection->session)) return Lease(*this, std::move(connection));
    // The server closed it (a restart): drop it and try the next; the rest are likely closed too.
    --open_;
    serverLost_ = true;
    lock.unlock();
    discard(std::move(connection));
    lock.lock();
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(*this, open());
  } catch (...) {
    lock.lock();
    --open_;
    returned_.notify_one();
    throw;
  }
}

void Database::fillInBackground() {
  if (dialect_ != Dialect::kPostgresql || filler_.joinable()) return;
  filler_ = std::thread([this] {
    while (true) {
      {
        std::lock_guard lock(leaseMutex_);
        if (stopping_ || open_ >= maxConnections_) return;
        ++open_;
      }
      std::unique_ptr<Connection> connection;
      try {
        connection = open();
      } catch (...) {
        std::lock_guard lock(leaseMutex_);
        --open_;
        returned_.notify_one();
        return;
      }
      std::lock_guard lock(leaseMutex_);
      idle_.insert(idle_.begin(), std::move(connection));  // behind the ones in use: those stay warm
      returned_.notify_one();
    }
  });
}

void Database::giveBack(std::unique_ptr<Connection> connection) noexcept {
  bool usable = false;
  try {
    usable = connection->session.isConnected();
  } catch (...) {
  }
  if (!usable) {
    serverLost_ = true;
    discard(std::move(connection));  // a broken connection (e.g. the server went away) is not reused
  }
  std::lock_guard lock(leaseMutex_);
  if (connection) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  returned_.notify_one();
}

Poco::Data::Session Database::pooled() {
  // SessionPool::get() throws at once when every session is out. The host, not the plugin,
  // decides how many requests run at once, and may run more than the pool holds: wait for a
  // session to come back (for at most the busy timeout) instead of failing the request.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kBusyTimeoutSeconds);
  auto pause = std::chrono::microseconds(50);
  while (true) {
    try {
      return pool_->get();
    } catch (const Poco::Data::SessionPoolExhaustedException&) {
      if (std::chrono::steady_clock::now() >= deadline) throw;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(2000));
  }
}

Poco::Data::Session Database::session() {
  Poco::Data::Session s = pooled();
  if (dialect_ == Dialect::kSqlite) s.setConnectionTimeout(kBusyTimeoutSeconds);  // the busy timeout
  return s;
}

Poco::Data::Session Database::writeSession() {
  Poco::Data::Session s = session();
  if (dialect_ == Dialect::kSqlite) {
    // Per-connection settings: durable commits and enforced references on every writer.
    s << "PRAGMA synchronous=FULL", Poco::Data::Keywords::now;
    s << "PRAGMA foreign_keys=ON", Poco::Data::Keywords::now;
  }
  return s;
}

std::unique_lock<std::mutex> Database::writeLock() {
  if (dialect_ == Dialect::kSqlite) return std::unique_lock(writeMutex_);
  return {};
}

}  // namespace ucf::adapters
