#pragma once

#include <algorithm>
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
#include "mock-host/auth/session_change.hpp"
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
/// session is kept in memory, and both expiry rules are checked on every use of it. The idle
/// timer is written at most once a minute (by a lookup or by a use of the cached entry); the idle
/// rule is exact to that minute. A registered account's `verified` is read from its account
/// (trust, docs/PRODUCT.md §2.1) at every lookup.
///
/// How long a cached lookup is reused depends on whether this host hears the changes of the
/// others (SessionChangeSink, told by the SessionChangeListener of a PostgreSQL host): every
/// change that ends a session or alters what it resolves to (logout, trust given or withdrawn,
/// an account provisioned again) is announced in its own transaction (announceSessionChange),
/// and each host drops what it cached of it when it hears it. While changes are heard, a lookup
/// is reused for `heardCacheTime` (default 5 minutes); otherwise — SQLite, or a listener that
/// lost its connection — for kCacheTime (one second), the longest another host's change may then
/// take to reach this one. Losing or regaining the listener empties the cache. A change made on
/// this host drops its entries here at once (destroy, forgetAccount).
///
/// When a cached session goes stale, one thread reads it again and the others asking for the
/// same session wait for that read instead of making their own (a client with 32 connections
/// would otherwise send 32 identical lookups at the same instant). Thread-safe.
class SessionStore final : public SessionResolver, public SessionChangeSink {
 public:
  static constexpr std::chrono::minutes kIdleTimeout{30};       ///< Idle limit.
  static constexpr std::chrono::hours kAbsoluteTimeout{12};     ///< Limit from login.
  static constexpr std::chrono::seconds kTouchInterval{60};     ///< Idle timer write granularity.
  static constexpr std::chrono::milliseconds kCacheTime{1000};  ///< Reuse of a lookup while changes go unheard.
  static constexpr std::chrono::minutes kHeardCacheTime{5};     ///< Default reuse while changes are heard.

  /// A new session: the cookie value and the CSRF token the client must echo.
  struct Created {
    std::string id;
    std::string csrfToken;
  };

  /// `heardCacheTime`: how long a lookup is reused while changes of other hosts are heard (at
  /// least kCacheTime; the host's `--session-cache`).
  SessionStore(HostDatabase& database, const sdk::Clock& clock,
               std::chrono::milliseconds heardCacheTime = kHeardCacheTime)
      : database_(database), clock_(clock), heardCacheTime_(std::max(heardCacheTime, kCacheTime)) {}

  /// Starts a session of `accountId` acting as `principal` (and drops expired sessions).
  Created create(const std::string& accountId, const sdk::Principal& principal);
  /// The live session of `sessionId`, touching its idle timer; nullopt when unknown or expired
  /// (an expired session is deleted).
  std::optional<ResolvedSession> resolve(std::string_view sessionId) override;
  /// Ends the session `sessionId` (nothing happens when there is none), and tells the other hosts.
  void destroy(std::string_view sessionId);
  /// Forgets what is cached of the sessions of the account `accountId` (its trust changed, which
  /// the change's transaction announced to the other hosts): its next request reads them again.
  /// A lookup already under way is not cached either.
  void forgetAccount(const std::string& accountId);
  /// SessionChangeSink: drops what the change names (as destroy or forgetAccount do here).
  void sessionChanged(const SessionChange& change) override;
  /// SessionChangeSink: empties the cache and reuses lookups for `heardCacheTime` or kCacheTime.
  void changesHeard(bool heard) override;
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
  /// How long a lookup is reused now (caller holds mutex_).
  std::int64_t cacheMillis() const;
  /// Writes the idle timer of the cached `session` (the caller marked it written); nullopt when
  /// the session is gone from the database.
  std::optional<ResolvedSession> keepAlive(const std::string& idHash, ResolvedSession session, std::int64_t at);
  /// Writes the idle timer of a session; false when the session is gone.
  bool touch(const std::string& idHash, std::int64_t at);
  void forgetSessionHash(const std::string& idHash, std::int64_t at);
  /// Reads the session from the database (the caller is the one thread doing so for `idHash`);
  /// caches the answer unless forgetAccount ran since `generation` was read.
  std::optional<ResolvedSession> lookUp(std::string_view sessionId, const std::string& idHash, std::int64_t at,
                                        std::uint64_t generation);
  void remember(const std::string& idHash, Cached entry, std::uint64_t generation);

  HostDatabase& database_;
  const sdk::Clock& clock_;
  const std::chrono::milliseconds heardCacheTime_;
  std::mutex mutex_;
  bool heard_ = false;  // whether changes of other hosts are heard now
  std::unordered_map<std::string, Cached> cache_;
  std::unordered_map<std::string, std::int64_t> ended_;  // id hash → when it was logged out
  std::uint64_t generation_ = 0;  // bumped by forgetAccount and changesHeard: lookups read before are not cached
  std::unordered_set<std::string> lookingUp_;  // id hashes being read from the database
  std::condition_variable lookedUp_;           // one of them was
  std::atomic<std::uint64_t> lookups_{0};
};

}  // namespace ucf::host::auth
