#include "mock-host/auth/login_throttle.hpp"

namespace ucf::host::auth {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

Poco::Int64 millis(std::chrono::minutes m) { return std::chrono::duration_cast<std::chrono::milliseconds>(m).count(); }

// Address failures share the failures table under a prefix no account key has (those start
// with a realm: `password:` or `ca:`).
std::string addressKey(const std::string& address) { return "address:" + address; }

}  // namespace

std::optional<std::chrono::system_clock::time_point> LoginThrottle::lockedUntil(const std::string& loginKey) {
  Poco::Int64 at = HostDatabase::toMillis(clock_.now());
  std::vector<Poco::Int64> until = database_.read([&](Poco::Data::Session& session) {
    std::vector<Poco::Int64> rows;
    session << "SELECT locked_until_ms FROM host_login_locks WHERE login_key = $1", useRef(loginKey), into(rows), now;
    return rows;
  });
  if (until.empty() || until.front() <= at) return std::nullopt;
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(until.front()));
}

bool LoginThrottle::recordFailure(const std::string& loginKey) {
  Poco::Int64 at = HostDatabase::toMillis(clock_.now());
  Poco::Int64 since = at - millis(kWindow);
  Poco::Int64 until = at + millis(kLockTime);
  return database_.write([&](Poco::Data::Session& session) {
    session << "DELETE FROM host_login_failures WHERE login_key = $1 AND at_ms <= $2", useRef(loginKey), useRef(since),
        now;
    session << "INSERT INTO host_login_failures (login_key, at_ms) VALUES ($1, $2)", useRef(loginKey), useRef(at), now;
    Poco::Int64 count = 0;
    session << "SELECT COUNT(*) FROM host_login_failures WHERE login_key = $1 AND at_ms > $2", useRef(loginKey),
        useRef(since), into(count), now;
    if (count < kMaxFailures) return false;
    // Lock, and start counting afresh once the lock ends.
    session << "INSERT INTO host_login_locks (login_key, locked_until_ms) VALUES ($1, $2) "
               "ON CONFLICT (login_key) DO UPDATE SET locked_until_ms = excluded.locked_until_ms",
        useRef(loginKey), useRef(until), now;
    session << "DELETE FROM host_login_failures WHERE login_key = $1", useRef(loginKey), now;
    return true;
  });
}

void LoginThrottle::clear(const std::string& loginKey) {
  Poco::Int64 at = HostDatabase::toMillis(clock_.now());
  database_.write([&](Poco::Data::Session& session) {
    session << "DELETE FROM host_login_failures WHERE login_key = $1", useRef(loginKey), now;
    session << "DELETE FROM host_login_locks WHERE login_key = $1 AND locked_until_ms <= $2", useRef(loginKey),
        useRef(at), now;
  });
}

std::optional<std::chrono::system_clock::time_point> LoginThrottle::addressBlockedUntil(const std::string& address) {
  if (address.empty()) return std::nullopt;
  const std::string key = addressKey(address);
  Poco::Int64 since = HostDatabase::toMillis(clock_.now()) - millis(kWindow);
  Poco::Int64 limit = kMaxAddressFailures;
  std::vector<Poco::Int64> recent = database_.read([&](Poco::Data::Session& session) {
    std::vector<Poco::Int64> rows;
    session << "SELECT at_ms FROM host_login_failures WHERE login_key = $1 AND at_ms > $2 ORDER BY at_ms DESC LIMIT $3",
        useRef(key), useRef(since), useRef(limit), into(rows), now;
    return rows;
  });
  if (recent.size() < static_cast<std::size_t>(kMaxAddressFailures)) return std::nullopt;
  // Below the limit again once the oldest of the newest kMaxAddressFailures leaves the window.
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(recent.back() + millis(kWindow)));
}

void LoginThrottle::recordAddressFailure(const std::string& address) {
  if (address.empty()) return;
  const std::string key = addressKey(address);
  Poco::Int64 at = HostDatabase::toMillis(clock_.now());
  Poco::Int64 since = at - millis(kWindow);
  database_.write([&](Poco::Data::Session& session) {
    session << "DELETE FROM host_login_failures WHERE login_key = $1 AND at_ms <= $2", useRef(key), useRef(since), now;
    session << "INSERT INTO host_login_failures (login_key, at_ms) VALUES ($1, $2)", useRef(key), useRef(at), now;
  });
}

}  // namespace ucf::host::auth
