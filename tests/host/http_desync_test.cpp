// HTTP desync (docs/PRODUCT.md §7.1): a body the handler did not read — an early 401/403/404/405/415 or a
// handler that ignores it — is never parsed as the next request on a keep-alive connection.
// Raw bytes on one socket: the body smuggles `GET /healthz`; a last `GET /api/menu` with
// `Connection: close` ends the exchange, so the test counts whole answers without waiting.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "tests/support/raw_exchange.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;

namespace {

const std::string kSmuggled = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
const std::string kLast = "GET /api/menu HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

/// Sends `bytes` on one connection and reads until the server closes it; the status lines seen.
std::vector<std::string> exchange(std::uint16_t port, const std::string& bytes) {
  const std::string received = rawExchange(port, bytes);
  std::vector<std::string> statuses;
  for (std::size_t at = received.find("HTTP/1.1 "); at != std::string::npos; at = received.find("HTTP/1.1 ", at + 1)) {
    statuses.push_back(received.substr(at + 9, 3));
  }
  return statuses;
}

std::string withBody(const std::string& head, const std::string& body) {
  return head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("a body the handler did not read is never answered as a request of its own") {
  TestHost host;
  const std::string json = "Content-Type: application/json\r\n";
  struct Case {
    const char* what;
    std::string head;
    const char* status;
  };
  std::vector<Case> cases = {
      {"logout ignores its body", "POST /api/auth/logout HTTP/1.1\r\nHost: 127.0.0.1\r\n", "204"},
      {"404 before any handler", "POST /no/such/path HTTP/1.1\r\nHost: 127.0.0.1\r\n", "404"},
      {"405 before any handler", "POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n", "405"},
      {"401 of a route that needs a session", "GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n", "401"},
      {"415 of a login with another media type",
       "POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n", "415"},
      {"403 of a cross-site login",
       "POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n" + json, "403"},
  };
  for (const auto& c : cases) {
    SECTION(c.what) {
      auto statuses = exchange(host.port(), withBody(c.head, kSmuggled) + kLast);
      REQUIRE(statuses.size() == 2);
      CHECK(statuses[0] == c.status);
      CHECK(statuses[1] == "200");  // the menu, not /healthz
    }
  }
  SECTION("a chunked body the handler did not read") {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%zx", kSmuggled.size());
    std::string request = "POST /api/auth/logout HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n" +
                          std::string(hex) + "\r\n" + kSmuggled + "\r\n0\r\n\r\n" + kLast;
    auto statuses = exchange(host.port(), request);
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0] == "204");
    CHECK(statuses[1] == "200");
  }
  SECTION("a declared body above the cap is refused and the connection closed unread") {
    std::string request =
        "POST /api/auth/logout HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999999\r\n\r\n" + kSmuggled + kLast;
    auto statuses = exchange(host.port(), request);
    REQUIRE(statuses.size() == 1);
    CHECK(statuses[0] == "413");
  }
  SECTION("a declared body too large to drain closes the connection after the answer, unread") {
    auto statuses =
        exchange(host.port(), "POST /api/auth/logout HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 200000\r\n\r\n" +
                                  kSmuggled + kLast);
    REQUIRE(statuses.size() == 1);
    CHECK(statuses[0] == "204");
  }
  SECTION("without Content-Length or chunked a request has no body: what follows is the next request") {
    auto statuses = exchange(host.port(), "POST /api/auth/logout HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + kLast);
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0] == "204");
    CHECK(statuses[1] == "200");
  }
}
