// Every connection the host serves has Nagle's algorithm off (TCP_NODELAY). A response leaves as
// two writes, its head and then its body; with Nagle on, the body waits for the client to
// acknowledge the head, which clients delay by up to 40 ms, so each request of a keep-alive
// client took 44 ms (docs/BENCHMARKS.md). POCO's own TCPServer sets the option on the sockets it
// accepts, but the connection gate (docs/PRODUCT.md §7.1) accepts them itself. The test reads the
// option from the server's end of a real loopback connection: the host runs in this process, so
// its socket is one of this process's descriptors.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstdlib>
#include <optional>
#include <string>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include "tests/support/test_host.hpp"

using namespace ucf::test;

namespace {

std::uint16_t portOf(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  return 0;
}

/// TCP_NODELAY of this process's socket whose local port is `local` and peer port is `peer`.
std::optional<int> noDelayOfSocket(std::uint16_t local, std::uint16_t peer) {
  DIR* fds = ::opendir("/proc/self/fd");
  REQUIRE(fds != nullptr);
  std::optional<int> found;
  while (const dirent* entry = ::readdir(fds)) {
    const int fd = std::atoi(entry->d_name);
    sockaddr_storage mine{};
    sockaddr_storage theirs{};
    socklen_t mineLength = sizeof mine;
    socklen_t theirsLength = sizeof theirs;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&mine), &mineLength) != 0 ||
        ::getpeername(fd, reinterpret_cast<sockaddr*>(&theirs), &theirsLength) != 0) {
      continue;
    }
    if (portOf(mine) != local || portOf(theirs) != peer) continue;
    int on = 0;
    socklen_t length = sizeof on;
    REQUIRE(::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, &length) == 0);
    found = on;
  }
  ::closedir(fds);
  return found;
}

}  // namespace

TEST_CASE("the host serves every connection with Nagle's algorithm off (TCP_NODELAY)") {
  TestHost host;
  Poco::Net::StreamSocket client(Poco::Net::SocketAddress("127.0.0.1", host.port()));
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  client.sendBytes(request.data(), static_cast<int>(request.size()));
  char buffer[512];
  REQUIRE(client.receiveBytes(buffer, sizeof buffer) > 0);  // served: the gate handed it over

  auto serverEnd = noDelayOfSocket(host.port(), client.address().port());
  REQUIRE(serverEnd);
  CHECK(*serverEnd != 0);
}
