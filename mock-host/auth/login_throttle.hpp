#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "mock-host/auth/host_database.hpp"
#include "ucf/sdk/clock.hpp"

namespace ucf::host::auth {

/// Locks a login name after repeated failures (docs/PRODUCT.md §7): five failed logins of one name within
/// 15 minutes lock it for 15 minutes. Names that match no account are counted the same way, so
/// the lock does not tell which accounts exist. Throttles a client address too (docs/PRODUCT.md §7.1): while
/// 50 or more of its logins failed within the last 15 minutes, it may not log in at all. Kept in
/// the host database, so hosts over one PostgreSQL count together. Times by the host clock.
/// Thread-safe.
class LoginThrottle {
 public:
  static constexpr int kMaxFailures = 5;                ///< Failures that lock a name.
  static constexpr std::chrono::minutes kWindow{15};    ///< Within this span.
  static constexpr std::chrono::minutes kLockTime{15};  ///< For this long.
  static constexpr int kMaxAddressFailures = 50;        ///< Failures within kWindow that stop an address.

  LoginThrottle(HostDatabase& database, const sdk::Clock& clock) : database_(database), clock_(clock) {}

  /// When `loginKey` is locked, the instant the lock ends.
  std::optional<std::chrono::system_clock::time_point> lockedUntil(const std::string& loginKey);
  /// Records a failure; true when this failure locked the name.
  bool recordFailure(const std::string& loginKey);
  /// Forgets the failures of `loginKey` (after a successful login).
  void clear(const std::string& loginKey);

  /// When `address` has kMaxAddressFailures or more failures within kWindow, the instant it
  /// falls below again. Nothing for an empty address.
  std::optional<std::chrono::system_clock::time_point> addressBlockedUntil(const std::string& address);
  /// Records a failed login from `address` (apart from any account's count; a success does not
  /// clear it). Nothing for an empty address.
  void recordAddressFailure(const std::string& address);

 private:
  HostDatabase& database_;
  const sdk::Clock& clock_;
};

}  // namespace ucf::host::auth
