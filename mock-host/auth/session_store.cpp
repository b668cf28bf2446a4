#include "mock-host/auth/session_store.hpp"

#include <openssl/evp.h>
#include <boost/json/serialize.hpp>

#include "mock-host/auth/principal_json.hpp"
#include "mock-host/auth/secure_random.hpp"

namespace ucf::host::auth {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

constexpr std::size_t kIdBytes = 32;
constexpr std::size_t kMaxIdLength = 128;
constexpr std::size_t kMaxCached = 10'000;
// How long a logout keeps a lookup that raced with it from caching the session again: longer
// than any lookup runs (the statement limit).
constexpr std::chrono::seconds kTombstoneTime{10};

template <typename Duration>
std::int64_t millis(Duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

std::string sha256Hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace

bool SessionStore::expired(std::int64_t createdAt, std::int64_t lastSeen, std::int64_t at) const {
  return at - lastSeen >= millis(kIdleTimeout) || at - createdAt >= millis(kAbsoluteTimeout);
}

SessionStore::Created SessionStore::create(const std::string& accountId, const sdk::Principal& principal) {
  Created created{randomToken(kIdBytes), randomToken(kIdBytes)};
  std::string idHash = sha256Hex(created.id);
  std::string principalJson = boost::json::serialize(principalToJson(principal));
  Poco::Int64 at = HostDatabase::toMillis(clock_.now());
  Poco::Int64 idleSince = at - millis(kIdleTimeout);
  Poco::Int64 bornSince = at - millis(kAbsoluteTimeout);
  database_.write([&](Poco::Data::Session& session) {
    session << "DELETE FROM host_sessions WHERE last_seen_at_ms <= $1 OR created_at_ms <= $2", useRef(idleSince),
        useRef(bornSince), now;
    session << "INSERT INTO host_sessions (id_hash, account_id, csrf_token, principal_json, created_at_ms, "
               "last_seen_at_ms) VALUES ($1, $2, $3, $4, $5, $6)",
        useRef(idHash), useRef(accountId), useRef(created.csrfToken), useRef(principalJson), useRef(at), useRef(at),
        now;
  });
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    generation = generation_;
  }
  remember(idHash, Cached{ResolvedSession{created.id, created.csrfToken, principal}, at, at, at}, generation);
  return created;
}

std::optional<ResolvedSession> SessionStore::resolve(std::string_view sessionId) {
  if (sessionId.empty() || sessionId.size() > kMaxIdLength) return std::nullopt;
  std::int64_t at = HostDatabase::toMillis(clock_.now());
  const std::string idHash = sha256Hex(sessionId);
  std::uint64_t generation = 0;
  {
    std::unique_lock lock(mutex_);
    while (true) {
      auto it = cache_.find(idHash);
      if (it != cache_.end()) {
        Cached& c = it->second;
        bool fresh = at >= c.cachedAt && at - c.cachedAt < cacheMillis();
        if (fresh && !expired(c.createdAt, c.lastSeen, at)) {
          if (at - c.lastSeen < millis(kTouchInterval)) return c.session;
          // The idle timer is due: this thread writes it, the others go on using the entry.
          c.lastSeen = at;
          ResolvedSession session = c.session;
          lock.unlock();
          return keepAlive(idHash, std::move(session), at);
        }
      }
      if (!lookingUp_.count(idHash)) break;
      // Another thread is reading this session: its answer, once cached, is this one's too (unless
      // a trust change came in meanwhile: then it is not cached, and this thread reads it itself).
      lookedUp_.wait(lock, [&] { return !lookingUp_.count(idHash); });
      at = HostDatabase::toMillis(clock_.now());  // not before the instant that answer was cached at
    }
    cache_.erase(idHash);
    lookingUp_.insert(idHash);
    generation = generation_;  // a forgetAccount after this instant keeps the answer out of the cache
  }
  struct Done {
    SessionStore& store;
    const std::string& idHash;
    ~Done() {
      std::lock_guard lock(store.mutex_);
      store.lookingUp_.erase(idHash);
      store.lookedUp_.notify_all();
    }
  } done{*this, idHash};
  return lookUp(sessionId, idHash, at, generation);
}

std::optional<ResolvedSession> SessionStore::lookUp(std::string_view sessionId, const std::string& idHash,
                                                    std::int64_t at, std::uint64_t generation) {
  lookups_.fetch_add(1, std::memory_order_relaxed);
  std::vector<std::string> csrf, principalJson;
  std::vector<Poco::Int64> createdAt, lastSeen, trusted;
  database_.read([&](Poco::Data::Session& session) {
    session << "SELECT s.csrf_token, s.principal_json, s.created_at_ms, s.last_seen_at_ms, "
               "CASE WHEN a.trusted_at_ms IS NULL THEN 0 ELSE 1 END "
               "FROM host_sessions s JOIN host_accounts a ON a.id = s.account_id WHERE s.id_hash = $1",
        useRef(idHash), into(csrf), into(principalJson), into(createdAt), into(lastSeen), into(trusted), now;
  });
  if (csrf.empty()) return std::nullopt;
  if (expired(createdAt.front(), lastSeen.front(), at)) {
    database_.write([&](Poco::Data::Session& session) {
      session << "DELETE FROM host_sessions WHERE id_hash = $1", useRef(idHash), now;
    });
    return std::nullopt;
  }
  auto principal = principalFromJson(principalJson.front());
  if (!principal) return std::nullopt;
  // The snapshot taken at login says who; whether a registered account acts for its USCC is its
  // trust now. (A CA principal's certificate proved it at login.)
  if (principal->kind == sdk::PrincipalKind::kRegistered) {
    principal->verified = principal->has(sdk::Role::kEnterprise) && trusted.front() != 0;
  }
  Cached entry{ResolvedSession{std::string(sessionId), csrf.front(), std::move(*principal)}, createdAt.front(),
               lastSeen.front(), at};
  if (at - entry.lastSeen >= millis(kTouchInterval)) {
    if (!touch(idHash, at)) return std::nullopt;
    entry.lastSeen = at;
  }
  ResolvedSession out = entry.session;
  remember(idHash, std::move(entry), generation);
  return out;
}

std::optional<ResolvedSession> SessionStore::keepAlive(const std::string& idHash, ResolvedSession session,
                                                       std::int64_t at) {
  bool alive = false;
  try {
    alive = touch(idHash, at);
  } catch (...) {
    std::lock_guard lock(mutex_);
    cache_.erase(idHash);  // the next request reads it, and tries the timer again
    throw;
  }
  if (alive) return session;
  forgetSessionHash(idHash, at);  // gone from the database, by a change this host did not hear
  return std::nullopt;
}

bool SessionStore::touch(const std::string& idHash, std::int64_t at) {
  Poco::Int64 seen = at;
  std::string hash = idHash;
  return database_.write([&](Poco::Data::Session& session) {
    // Another host may have written a later instant: the timer never goes back.
    Poco::Data::Statement update =
        (session << "UPDATE host_sessions SET last_seen_at_ms = CASE WHEN last_seen_at_ms < $1 THEN $2 "
                    "ELSE last_seen_at_ms END WHERE id_hash = $3",
         useRef(seen), useRef(seen), useRef(hash));
    return update.execute() == 1;
  });
}

void SessionStore::destroy(std::string_view sessionId) {
  if (sessionId.empty() || sessionId.size() > kMaxIdLength) return;
  std::string idHash = sha256Hex(sessionId);
  forgetSessionHash(idHash, HostDatabase::toMillis(clock_.now()));
  database_.transact([&](Poco::Data::Session& session) {
    session << "DELETE FROM host_sessions WHERE id_hash = $1", useRef(idHash), now;
    announceSessionChange(session, database_.dialect(), {SessionChange::Kind::kSession, idHash});
  });
}

void SessionStore::forgetSessionHash(const std::string& idHash, std::int64_t at) {
  // The tombstone keeps a lookup that raced with the logout from caching the session again.
  std::lock_guard lock(mutex_);
  cache_.erase(idHash);
  std::erase_if(ended_, [&](const auto& kv) { return at - kv.second >= millis(kTombstoneTime) || at < kv.second; });
  ended_[idHash] = at;
}

void SessionStore::forgetAccount(const std::string& accountId) {
  std::lock_guard lock(mutex_);
  ++generation_;
  std::erase_if(cache_, [&](const auto& kv) { return kv.second.session.principal.userId == accountId; });
}

void SessionStore::sessionChanged(const SessionChange& change) {
  switch (change.kind) {
    case SessionChange::Kind::kSession: forgetSessionHash(change.key, HostDatabase::toMillis(clock_.now())); return;
    case SessionChange::Kind::kAccount: forgetAccount(change.key); return;
  }
}

void SessionStore::changesHeard(bool heard) {
  std::lock_guard lock(mutex_);
  heard_ = heard;
  cache_.clear();
  ++generation_;  // and lookups under way are not cached: they may have read before the change
}

std::int64_t SessionStore::cacheMillis() const { return millis(heard_ ? heardCacheTime_ : kCacheTime); }

void SessionStore::remember(const std::string& idHash, Cached entry, std::uint64_t generation) {
  std::lock_guard lock(mutex_);
  if (ended_.count(idHash) || generation != generation_) return;
  if (cache_.size() >= kMaxCached) {
    // Whatever is older than the cache time is dead weight.
    std::erase_if(cache_, [&](const auto& kv) {
      return entry.cachedAt < kv.second.cachedAt || entry.cachedAt - kv.second.cachedAt >= cacheMillis();
    });
    if (cache_.size() >= kMaxCached) cache_.clear();
  }
  cache_.insert_or_assign(idHash, std::move(entry));
}

}  // namespace ucf::host::auth
