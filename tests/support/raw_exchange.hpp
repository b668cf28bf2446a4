#pragma once

#include <cstdint>
#include <string>

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

namespace ucf::test {

/// Sends `bytes` as they are on one connection to 127.0.0.1:`port` and reads until the server
/// closes it; everything received. The test arranges for the server to close (Connection: close,
/// or the behaviour under test): the 20 s receive timeout only bounds a failure.
inline std::string rawExchange(std::uint16_t port, const std::string& bytes) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(20, 0));
  socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
  std::string received;
  char buffer[4096];
  try {
    for (int n = socket.receiveBytes(buffer, sizeof buffer); n > 0; n = socket.receiveBytes(buffer, sizeof buffer)) {
      received.append(buffer, static_cast<std::size_t>(n));
    }
  } catch (const Poco::Net::ConnectionResetException&) {
    // A server that closes with unread bytes, or cuts the connection, makes the kernel reset:
    // what came before still counts.
  }
  return received;
}

}  // namespace ucf::test
