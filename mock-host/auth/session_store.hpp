#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "mock-host/auth/host_database.hpp"
#include "mock-host/session_resolver.hpp"
#include "ucf/sdk/clock.hpp"
#include "ucf/sdk/principal.hpp"

namespace ucf::host::auth {

/// The host's login sessions (docs/PRODUCT.md §7), kept in the host database so that several hosts over
/// one PostgreSQL share them. A session id is 256 random bits from OpenSSL's CSPRNG; only its
/// SHA-256 is stored. Each session has its own CSRF token.
///
/// A session ends at logout, after 30 minutes without a request (idle), or 12 hours after login
/// (absolute), by the host clock. Resolving runs on every request, so it is cheap: a resolved
/// session is cached in memory for at most a second (a logout on this host drops it at once),
/// and the idle timer is written at most once a minute; the idle rule is exact to that minute.
/// A registered account's `verified` is read from its account (trust, docs/PRODUCT.md §2.1) at every lookup,
/// so trust given or withdrawn reaches its sessions on this host at once (forgetAccount) and on
/// other hosts within the cache's second. When a cached session goes stale, one thread reads it
/// again and the others asking for the same session wait for that read instead of making their
/// own (a client with 32 connections would otherwise send 32 identical lookups every second, all
/// at the same instant). Thread-safe.
class SessionStore final : public SessionResolver {
 public:
  static constexpr std::chrono::minutes kIdleTimeout{30};       ///< Idle limit.
  static constexpr std::chrono::hours kAbsoluteTimeout{12};     ///< Limit from login.
  static constexpr std::chrono::seconds kTouchInterval{60};     ///< Idle timer write granularity.
  static constexpr std::chrono::milliseconds kCacheTime{1000};  ///< In-memory reuse of a lookup.

  /// A new session: the cookie value and the CSRF token the client must echo.
  struct Created {
    std::string id;
    std::string csrfToken;
  };

  SessionStore(HostDatabase& database, const sdk::Clock& clock) : database_(database), clock_(clock) {}

  /// Starts a session of `accountId` acting as `principal` (and drops expired sessions).
  Created create(const std::string& accountId, const sdk::Principal& principal);
  /// The live session of `sessionId`, touching its idle timer; nullopt when unknown or expired
  /// (an expired session is deleted).
  std::optional<ResolvedSession> resolve(std::string_view sessionId) override;
  /// Ends the session `sessionId` (nothing happens when there is none).
  void destroy(std::string_view sessionId);
  /// Forgets what is cached of the sessions of the account `accountId` (its trust changed): its
  /// next request reads them again. A lookup already under way is not cached either.
  void forgetAccount(const std::string& accountId);
  /// How many times `resolve` read a session from the database (diagnostics and tests).
  [[nodiscard]] std::uint64_t databaseLookups() const { return lookups_.load(std::memory_order_relaxed); }

 private:
  struct Cached {
    ResolvedSession session;
    std::int64_t createdAt = 0;
    std::int64_t lastSeen = 0;
    std::int64_t cachedAt = 0;
  };

  bool expired(std::int64_t createdAt, std::int64_t lastSeen, std::int64_t now) const;
  /// Reads the session from the database (the caller is the one thread doing so for `idHash`);
  /// caches the answer unless forgetAccount ran since `generation` was read.
  std::optional<ResolvedSession> lookUp(std::string_view sessionId, const std::string& idHash, std::int64_t at,
                                        std::uint64_t generation);
  void remember(const std::string& idHash, Cached entry, std::uint64_t generation);

  HostDatabase& database_;
  const sdk::Clock& clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Cached> cache_;
  std::unordered_map<std::string, std::int64_t> ended_;  // id hash → when it was logged out
  std::uint64_t generation_ = 0;  // bumped by forgetAccount: lookups read before it are not cached
  std::unordered_set<std::string> lookingUp_;            // id hashes being read from the database
  std::condition_variable lookedUp_;                     // one of them was
  std::atomic<std::uint64_t> lookups_{0};
};

}  // namespace ucf::host::auth
