// The host database's connection pool (issue 18): threads that find no idle connection open
// theirs at the same time, a returned connection is reused, a broken one is not, and a thread
// that finds every connection in use waits for one.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Connector.h>

#include "mock-host/auth/connection_pool.hpp"

using ucf::host::auth::ConnectionPool;
using namespace std::chrono_literals;

namespace {

Poco::Data::Session memoryDatabase() {
  Poco::Data::SQLite::Connector::registerConnector();
  return Poco::Data::Session("SQLite", ":memory:");
}

}  // namespace

TEST_CASE("threads that find no idle connection open theirs at the same time, not one after the other") {
  constexpr int kThreads = 4;
  std::mutex mutex;
  std::condition_variable allInside;
  int inside = 0;
  bool together = true;
  // Each opener waits until every thread is inside an opener: a pool that opens one connection
  // at a time under its lock never gets there (and the opener gives up after 10 s).
  ConnectionPool pool(
      [&] {
        std::unique_lock lock(mutex);
        ++inside;
        allInside.notify_all();
        if (!allInside.wait_for(lock, 10s, [&] { return inside == kThreads; })) together = false;
        return memoryDatabase();
      },
      kThreads, 60s);
  std::vector<std::thread> threads;
  std::atomic<int> leased{0};
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      ConnectionPool::Lease lease = pool.acquire();
      if (lease.session().isConnected()) ++leased;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(together);
  CHECK(leased == kThreads);
}

TEST_CASE("a returned connection is reused, a closed one is replaced") {
  int opened = 0;
  ConnectionPool pool(
      [&] {
        ++opened;
        return memoryDatabase();
      },
      2, 5s);
  {
    ConnectionPool::Lease lease = pool.acquire();
    lease.session() << "CREATE TABLE t (x INTEGER)", Poco::Data::Keywords::now;
  }
  {
    ConnectionPool::Lease lease = pool.acquire();
    // The same in-memory database: the table made through the first lease is there.
    int n = -1;
    lease.session() << "SELECT COUNT(*) FROM t", Poco::Data::Keywords::into(n), Poco::Data::Keywords::now;
    CHECK(n == 0);
    lease.session().close();  // as a connection the server dropped
  }
  CHECK(opened == 1);
  ConnectionPool::Lease lease = pool.acquire();
  CHECK(lease.session().isConnected());
  CHECK(opened == 2);
}

TEST_CASE("a thread that finds every connection in use waits for one, and gives up after the wait") {
  ConnectionPool pool(memoryDatabase, 1, 10s);
  std::optional<ConnectionPool::Lease> held(pool.acquire());
  std::atomic<bool> got{false};
  std::thread waiter([&] {
    ConnectionPool::Lease lease = pool.acquire();
    got = lease.session().isConnected();
  });
  held.reset();  // hands the one connection over
  waiter.join();
  CHECK(got);

  ConnectionPool small(memoryDatabase, 1, 50ms);
  ConnectionPool::Lease only = small.acquire();
  CHECK_THROWS_AS(small.acquire(), Poco::Data::SessionPoolExhaustedException);
}
