// Slow clients (docs/PRODUCT.md §7.1): a request whose line and headers are not complete within the
// header timeout is dropped, and 200 connections trickling header bytes do not stop other
// clients from being served, because no worker thread is given to a connection before its
// request head has arrived. Real sockets on loopback; the header timeout is lowered to 3 s.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include "tests/support/http_client.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;
using std::chrono::steady_clock;

namespace {

TestHost::Options headerTimeout(int seconds) {
  TestHost::Options options;
  options.tune = [seconds](ucf::host::HostOptions& o) { o.headerTimeoutSeconds = seconds; };
  return options;
}

/// Whether the server ended the connection (EOF or reset) within `bound`, rather than leaving it open.
bool droppedWithin(Poco::Net::StreamSocket& socket, std::chrono::seconds bound) {
  socket.setReceiveTimeout(Poco::Timespan(bound.count(), 0));
  char buffer[256];
  try {
    for (;;) {
      if (socket.receiveBytes(buffer, sizeof buffer) <= 0) return true;
    }
  } catch (const Poco::TimeoutException&) {
    return false;
  } catch (const Poco::Net::NetException&) {
    return true;  // reset
  }
}

}  // namespace

TEST_CASE("a request whose line and headers are not complete within the header timeout is dropped") {
  TestHost host(headerTimeout(3));
  Poco::Net::StreamSocket slow(Poco::Net::SocketAddress("127.0.0.1", host.port()));
  std::string partial = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  slow.sendBytes(partial.data(), static_cast<int>(partial.size()));
  // 20 s is a bound for a failure only; the host drops it after 3 s.
  CHECK(droppedWithin(slow, std::chrono::seconds(20)));

  SECTION("an idle keep-alive connection is closed the same way, holding no thread meanwhile") {
    Poco::Net::StreamSocket idle(Poco::Net::SocketAddress("127.0.0.1", host.port()));
    std::string whole = partial + "\r\n";
    idle.sendBytes(whole.data(), static_cast<int>(whole.size()));
    char buffer[1024];
    REQUIRE(idle.receiveBytes(buffer, sizeof buffer) > 0);  // answered
    CHECK(droppedWithin(idle, std::chrono::seconds(20)));
  }
}

TEST_CASE("200 connections trickling header bytes do not stop other clients from being served", "[concurrency]") {
  TestHost host(headerTimeout(3));  // 16 worker threads
  std::vector<std::unique_ptr<Poco::Net::StreamSocket>> slow;
  for (int i = 0; i < 200; ++i) {
    slow.push_back(std::make_unique<Poco::Net::StreamSocket>(Poco::Net::SocketAddress("127.0.0.1", host.port())));
    std::string start = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    slow.back()->sendBytes(start.data(), static_cast<int>(start.size()));
  }
  // The attackers: a header byte on every connection each second, new connections as old ones are dropped.
  std::atomic<bool> stop{false};
  std::thread trickle([&] {
    while (!stop) {
      for (auto& socket : slow) {
        try {
          socket->sendBytes("a", 1);
        } catch (const Poco::Exception&) {
          try {
            socket = std::make_unique<Poco::Net::StreamSocket>(Poco::Net::SocketAddress("127.0.0.1", host.port()));
            std::string start = "GET /healthz HTTP/1.1\r\nX-Slow: ";
            socket->sendBytes(start.data(), static_cast<int>(start.size()));
          } catch (const Poco::Exception&) {
          }
        }
      }
      std::this_thread::sleep_for(std::chrono::seconds(1));  // paces the attack; decides nothing
    }
  });

  HttpClient normal(host.port());
  int served = 0, servedFast = 0;
  auto until = steady_clock::now() + std::chrono::seconds(8);  // spans more than two header timeouts
  while (steady_clock::now() < until) {
    auto started = steady_clock::now();
    if (normal.get("/healthz").status == 200) ++served;
    if (steady_clock::now() - started < std::chrono::seconds(1)) ++servedFast;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // paces the client; decides nothing
  }
  stop = true;
  trickle.join();
  // Not a timing race: a request waits behind slow clients for whole seconds or not at all.
  INFO("served " << served << ", of which within 1 s: " << servedFast);
  CHECK(served >= 20);
  CHECK(servedFast >= served * 95 / 100);
}
