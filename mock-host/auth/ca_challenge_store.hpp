#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "mock-host/auth/host_database.hpp"
#include "ucf/sdk/clock.hpp"

namespace ucf::host::auth {

/// E-key login challenges (docs/PRODUCT.md §7): 32 fresh random bytes for the key to sign, bound to the
/// certificate they were issued for, single-use, expiring after 2 minutes by the host clock.
/// Kept in the host database, so a challenge from one host can be answered at another over a
/// shared PostgreSQL, and still only once. Thread-safe.
class CaChallengeStore {
 public:
  static constexpr std::chrono::minutes kLifetime{2};  ///< How long a challenge may be answered.
  static constexpr std::size_t kNonceBytes = 32;       ///< Random bytes to sign.

  /// An issued challenge.
  struct Challenge {
    std::string id;
    std::string nonce;           ///< The raw random bytes.
    std::string certificatePem;  ///< The certificate (and chain) it was issued for.
  };

  /// Keeps at most `maxPending` unanswered challenges.
  CaChallengeStore(HostDatabase& database, const sdk::Clock& clock, std::int64_t maxPending)
      : database_(database), clock_(clock), maxPending_(maxPending) {}

  /// A fresh challenge for `certificatePem` (and drops expired ones, and the oldest beyond the
  /// bound).
  Challenge issue(const std::string& certificatePem);
  /// The challenge `id`, used up by this call; nullopt when unknown, used or expired.
  std::optional<Challenge> consume(std::string_view id);

 private:
  HostDatabase& database_;
  const sdk::Clock& clock_;
  std::int64_t maxPending_;
};

}  // namespace ucf::host::auth
