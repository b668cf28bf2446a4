#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "mock-host/auth/host_database.hpp"
#include "ucf/sdk/clock.hpp"

namespace ucf::host::auth {

/// Locks a login name after repeated failures (spec §7): five failed logins of one name within
/// 15 minutes lock it for 15 minutes. Names that match no account are counted the same way, so
/// the lock does not tell which accounts exist. Kept in the host database, so hosts over one
/// PostgreSQL count together. Times by the host clock. Thread-safe.
class LoginThrottle {
 public:
  static constexpr int kMaxFailures = 5;                ///< Failures that lock a name.
  static constexpr std::chrono::minutes kWindow{15};    ///< Within this span.
  static constexpr std::chrono::minutes kLockTime{15};  ///< For this long.

  LoginThrottle(HostDatabase& database, const sdk::Clock& clock) : database_(database), clock_(clock) {}

  /// When `loginKey` is locked, the instant the lock ends.
  std::optional<std::chrono::system_clock::time_point> lockedUntil(const std::string& loginKey);
  /// Records a failure; true when this failure locked the name.
  bool recordFailure(const std::string& loginKey);
  /// Forgets the failures of `loginKey` (after a successful login).
  void clear(const std::string& loginKey);

 private:
  HostDatabase& database_;
  const sdk::Clock& clock_;
};

}  // namespace ucf::host::auth
