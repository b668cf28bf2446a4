// The session store's cache (issue 18): when a cached session goes stale, the requests that ask
// for it at that instant share one database lookup instead of making one each.
#include <catch2/catch.hpp>

#include <atomic>
#include <barrier>
#include <chrono>
#include <thread>
#include <vector>

#include "mock-host/auth/host_database.hpp"
#include "mock-host/auth/session_store.hpp"
#include "mock-host/stderr_logger.hpp"
#include "tests/support/temp_dir.hpp"

using ucf::host::auth::HostDatabase;
using ucf::host::auth::SessionStore;
using namespace std::chrono_literals;

namespace {

/// A clock that stands still where the test puts it.
struct StillClock final : ucf::sdk::Clock {
  std::chrono::system_clock::time_point at;
  [[nodiscard]] std::chrono::system_clock::time_point now() const override { return at; }
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
