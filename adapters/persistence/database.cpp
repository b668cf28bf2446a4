#include "adapters/persistence/database.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <Poco/Data/DataException.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>

#include "dbkit/postgresql_uri.hpp"

namespace ucf::adapters {
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
  Connection(Poco::Data::Session s, bool postgresql) : session(std::move(s)), statements(session, postgresql) {}
  Poco::Data::Session session;
  StatementCache statements;
};

Database::Lease::Lease(Database& database, std::unique_ptr<Connection> connection)
    : database_(&database), connection_(std::move(connection)) {}

Database::Lease::Lease(Lease&& other) noexcept
    : database_(other.database_), connection_(std::move(other.connection_)) {}

Database::Lease::~Lease() {
  if (connection_) database_->giveBack(std::move(connection_));
}

Poco::Data::Session& Database::Lease::session() { return connection_->session; }

StatementCache& Database::Lease::statements() { return connection_->statements; }

Database::Database(Dialect dialect, const std::string& location, int maxSessions)
    : dialect_(dialect),
      connector_(dialect == Dialect::kSqlite ? "SQLite" : "PostgreSQL"),
      connectionString_(dialect == Dialect::kSqlite ? location : dbkit::postgresqlConnectionString(location)),
      maxConnections_(std::max(1, maxSessions)) {
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
  auto connection = std::make_unique<Connection>(Poco::Data::Session(connector_, connectionString_),
                                                 dialect_ == Dialect::kPostgresql);
  if (dialect_ == Dialect::kSqlite) {
    // Per-connection settings, once: the busy timeout, durable commits, enforced references.
    connection->session.setConnectionTimeout(kBusyTimeoutSeconds);
    connection->session << "PRAGMA synchronous=FULL", Poco::Data::Keywords::now;
    connection->session << "PRAGMA foreign_keys=ON", Poco::Data::Keywords::now;
  }
  return connection;
}

Database::Lease Database::lease() {
  std::unique_lock lock(leaseMutex_);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kBusyTimeoutSeconds);
  if (!returned_.wait_until(lock, deadline, [&] { return !idle_.empty() || open_ < maxConnections_; })) {
    throw Poco::Data::SessionPoolExhaustedException("every database connection stayed in use for " +
                                                    std::to_string(kBusyTimeoutSeconds) + " s");
  }
  if (!idle_.empty()) {
    std::unique_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(connection));
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
    try {
      connection.reset();  // a broken connection (e.g. the server went away) is not reused
    } catch (...) {
    }
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
