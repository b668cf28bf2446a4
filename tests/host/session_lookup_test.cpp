// The session store's cache: when a cached session goes stale, the requests that ask for it at
// that instant share one database lookup instead of making one each (issue 18); a lookup is reused
// for minutes while the store hears the changes of other hosts, one second otherwise, and a change
// it hears, or losing or regaining the listener, drops what it cached (issue 16). The listener
// itself is PostgreSQL's (tests/postgresql/session_changes_test.cpp); here the store is told
// directly, over a real SQLite file, and counts its database lookups.
#include <catch2/catch.hpp>

#include <atomic>
#include <barrier>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "mock-host/auth/host_database.hpp"
#include "mock-host/auth/session_store.hpp"
#include "mock-host/stderr_logger.hpp"
#include "tests/support/temp_dir.hpp"

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using ucf::host::auth::HostDatabase;
using ucf::host::auth::SessionChange;
using ucf::host::auth::SessionStore;
using namespace std::chrono_literals;

namespace {

/// A clock that stands still where the test puts it.
struct StillClock final : ucf::sdk::Clock {
  std::chrono::system_clock::time_point at;
  [[nodiscard]] std::chrono::system_clock::time_point now() const override { return at; }
};

struct Fixture {
  ucf::test::TempDir dir;
  ucf::host::StderrLogger logger;
  StillClock clock;
  HostDatabase db;
  SessionStore store;
  SessionStore::Created session;

  Fixture()
      : clock(startClock()),
        db("sqlite:" + (dir.path() / "host.sqlite").string(), 4, clock, logger),
        store(db, clock, 5min) {
    db.write([](Poco::Data::Session& s) {
      s << "INSERT INTO host_accounts (id, realm, account, password_hash, account_type, display_name, roles, "
           "created_at_ms, updated_at_ms) VALUES ('a1', 'password', 'acme01', 'x', 'enterprise', '张三', "
           "'enterprise', 0, 0)",
          now;
    });
    ucf::sdk::Principal principal;
    principal.userId = "a1";
    principal.account = "acme01";
    principal.roles = {ucf::sdk::Role::kEnterprise};
    session = store.create("a1", principal);
  }
  static StillClock startClock() {
    StillClock c;
    c.at = std::chrono::system_clock::now();
    return c;
  }
  /// Database lookups that resolving the session makes now (0 when it came from the cache).
  std::uint64_t lookupsOfResolve() {
    const std::uint64_t before = store.databaseLookups();
    REQUIRE(store.resolve(session.id));
    return store.databaseLookups() - before;
  }
  std::int64_t storedLastSeen() {
    return db.read([](Poco::Data::Session& s) {
      Poco::Int64 seen = 0;
      s << "SELECT last_seen_at_ms FROM host_sessions", into(seen), now;
      return seen;
    });
  }
  std::string storedIdHash() {
    return db.read([](Poco::Data::Session& s) {
      std::string hash;
      s << "SELECT id_hash FROM host_sessions", into(hash), now;
      return hash;
    });
  }
};

}  // namespace

TEST_CASE("requests that find their session stale at the same instant share one database lookup") {
  ucf::test::TempDir dir;
  ucf::host::StderrLogger logger;
  StillClock clock;
  clock.at = std::chrono::system_clock::now();
  HostDatabase db("sqlite:" + (dir.path() / "host.sqlite").string(), 20, clock, logger);
  db.write([](Poco::Data::Session& s) {
    s << "INSERT INTO host_accounts (id, realm, account, password_hash, account_type, display_name, roles, "
         "created_at_ms, updated_at_ms) VALUES ('a1', 'password', 'acme01', 'x', 'enterprise', '张三', "
         "'enterprise', 0, 0)",
        Poco::Data::Keywords::now;
  });
  SessionStore store(db, clock);
  ucf::sdk::Principal principal;
  principal.userId = "a1";
  principal.account = "acme01";
  principal.displayName = "张三";
  principal.roles = {ucf::sdk::Role::kEnterprise};
  const auto created = store.create("a1", principal);
  clock.at += SessionStore::kCacheTime + 1ms;  // the cached entry is stale, the session alive

  constexpr int kRequests = 16;
  std::barrier start(kRequests);
  std::atomic<int> resolved{0};
  const std::uint64_t before = store.databaseLookups();
  std::vector<std::thread> requests;
  for (int i = 0; i < kRequests; ++i) {
    requests.emplace_back([&] {
      start.arrive_and_wait();
      auto session = store.resolve(created.id);
      if (session && session->principal.account == "acme01" && session->csrfToken == created.csrfToken) ++resolved;
    });
  }
  for (auto& r : requests) r.join();
  CHECK(resolved == kRequests);
  CHECK(store.databaseLookups() - before == 1);

  // A logout still ends it at once, and an unknown id is looked up (and refused) every time.
  store.destroy(created.id);
  CHECK_FALSE(store.resolve(created.id));
  CHECK_FALSE(store.resolve("no-such-session"));
}

TEST_CASE("a session lookup is reused for a second while no other host's changes are heard") {
  Fixture f;
  CHECK(f.lookupsOfResolve() == 0);  // cached at login
  f.clock.at += SessionStore::kCacheTime;
  CHECK(f.lookupsOfResolve() == 1);
  CHECK(f.lookupsOfResolve() == 0);
}

TEST_CASE("while changes are heard a lookup is reused for minutes, expiry stays exact and the idle timer is written") {
  Fixture f;
  f.store.changesHeard(true);  // whatever was cached before is dropped
  CHECK(f.lookupsOfResolve() == 1);
  f.clock.at += 50s;
  CHECK(f.lookupsOfResolve() == 0);

  // A minute after the last write of the idle timer, a use of the cached entry writes it again.
  f.clock.at += 20s;
  CHECK(f.lookupsOfResolve() == 0);
  CHECK(f.storedLastSeen() == HostDatabase::toMillis(f.clock.at));

  // A session deleted without a word (nothing announced) is found when the timer is written.
  f.db.write([](Poco::Data::Session& s) { s << "DELETE FROM host_sessions", now; });
  f.clock.at += 61s;
  CHECK_FALSE(f.store.resolve(f.session.id));
}

TEST_CASE("the idle limit holds on a cached session") {
  Fixture f;
  f.store.changesHeard(true);
  CHECK(f.lookupsOfResolve() == 1);
  f.clock.at += SessionStore::kIdleTimeout;
  CHECK_FALSE(f.store.resolve(f.session.id));
}

TEST_CASE("a heard change, and losing or regaining the listener, drop what the store cached") {
  Fixture f;
  f.store.changesHeard(true);
  CHECK(f.lookupsOfResolve() == 1);

  f.store.sessionChanged({SessionChange::Kind::kAccount, "someone-else"});
  CHECK(f.lookupsOfResolve() == 0);
  f.store.sessionChanged({SessionChange::Kind::kAccount, "a1"});
  CHECK(f.lookupsOfResolve() == 1);

  f.store.changesHeard(false);  // lost: back to the one-second rule, nothing cached kept
  CHECK(f.lookupsOfResolve() == 1);
  f.clock.at += SessionStore::kCacheTime;
  CHECK(f.lookupsOfResolve() == 1);

  f.store.changesHeard(true);  // regained: what changed meanwhile was not heard
  CHECK(f.lookupsOfResolve() == 1);
  f.clock.at += 2s;
  CHECK(f.lookupsOfResolve() == 0);

  // A logout elsewhere: dropped, and kept out of the cache while a lookup that raced with it may
  // still be under way.
  f.store.sessionChanged({SessionChange::Kind::kSession, f.storedIdHash()});
  CHECK(f.lookupsOfResolve() == 1);
  CHECK(f.lookupsOfResolve() == 1);
}

TEST_CASE("session change payloads read back as the change, and anything else as nothing") {
  using ucf::host::auth::sessionChangeFromPayload;
  using ucf::host::auth::toPayload;
  for (const SessionChange& change :
       {SessionChange{SessionChange::Kind::kSession, "ab12"}, SessionChange{SessionChange::Kind::kAccount, "u-x_Y"}}) {
    auto back = sessionChangeFromPayload(toPayload(change));
    REQUIRE(back);
    CHECK(back->kind == change.kind);
    CHECK(back->key == change.key);
  }
  CHECK(toPayload({SessionChange::Kind::kAccount, "u-1"}) == "account:u-1");
  for (const char* other : {"", "session:", "account:", "team:x", "Session:ab"}) {
    CHECK_FALSE(sessionChangeFromPayload(other));
  }
}
