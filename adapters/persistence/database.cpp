#include "adapters/persistence/database.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/URI.h>

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

std::string Database::postgresConnectionString(const std::string& uri) {
  Poco::URI u(uri);
  std::string out = "host=" + (u.getHost().empty() ? std::string("127.0.0.1") : u.getHost());
  if (u.getPort() != 0) out += " port=" + std::to_string(u.getPort());
  std::string path = u.getPath();
  if (path.size() > 1) out += " dbname=" + path.substr(1);
  const std::string& info = u.getUserInfo();
  if (!info.empty()) {
    auto colon = info.find(':');
    out += " user=" + info.substr(0, colon);
    if (colon != std::string::npos) out += " password=" + info.substr(colon + 1);
  }
  for (const auto& [k, v] : u.getQueryParameters()) out += " " + k + "=" + v;
  return out;
}

Database::Database(Dialect dialect, const std::string& location, int maxSessions) : dialect_(dialect) {
  registerConnectors();
  if (dialect_ == Dialect::kSqlite) {
    pool_ = std::make_unique<Poco::Data::SessionPool>("SQLite", location, 1, maxSessions, 60);
    Poco::Data::Session s = pool_->get();
    s << "PRAGMA journal_mode=WAL", Poco::Data::Keywords::now;
  } else {
    pool_ = std::make_unique<Poco::Data::SessionPool>("PostgreSQL", postgresConnectionString(location), 1,
                                                      maxSessions, 60);
  }
}

Database::~Database() {
  if (pool_) pool_->shutdown();
}

Poco::Data::Session Database::session() {
  Poco::Data::Session s = pool_->get();
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
