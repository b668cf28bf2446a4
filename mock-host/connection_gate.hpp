#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include "ucf/sdk/logger.hpp"

namespace ucf::host {

/// The host's HTTP server (docs/PRODUCT.md §7.1, slow clients): POCO's HTTPServer gives every connection a
/// worker thread from its first byte, so clients that trickle a header byte now and then hold
/// every thread and nobody else is served. Here one gate thread waits (epoll) for connections
/// until a request's line and headers have arrived whole (seen with MSG_PEEK, nothing
/// consumed), and only then hands the connection to a worker, which serves it with POCO's HTTP
/// classes. Between keep-alive requests the connection goes back to the gate (unless the next
/// request arrives whole within 2 ms), so an idle client holds no thread either. A request whose line and headers are
/// not complete `headerTimeout` after the connection was accepted or parked is dropped; a worker reading a request that
/// arrived pipelined behind another is held to the same limit (the gate shuts the socket down). Over TLS the gate
/// cannot read the headers, so it hands a connection over once bytes arrive and only that limit applies.
class ConnectionGate {
 public:
  /// What the gate needs; everything outlives it.
  struct Settings {
    int workers = 32;                        ///< Threads serving requests.
    int maxQueued = 256;                     ///< Connections ready and waiting for a worker; more are dropped.
    std::chrono::seconds headerTimeout{10};  ///< Limit for a request's line and headers.
    bool tls = false;                        ///< The socket is a SecureServerSocket: no peeking.
  };

  ConnectionGate(const Poco::Net::ServerSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                 Poco::Net::HTTPRequestHandlerFactory::Ptr factory, Settings settings, sdk::Logger& logger);
  ~ConnectionGate();
  ConnectionGate(const ConnectionGate&) = delete;
  ConnectionGate& operator=(const ConnectionGate&) = delete;

  /// Starts the gate thread and the workers.
  void start();
  /// Stops accepting, drops waiting connections, cuts those being served and waits for every
  /// worker to finish its request. Idempotent.
  void stop();

 private:
  using Clock = std::chrono::steady_clock;
  struct Waiting {
    Poco::Net::StreamSocket socket;
    Clock::time_point deadline;
  };

  void gateLoop();
  void workerLoop();
  [[nodiscard]] bool nextHeadArrives(int fd) const;
  std::optional<Poco::Net::StreamSocket> serve(const Poco::Net::StreamSocket& socket);
  void admit(const Poco::Net::StreamSocket& socket);
  void examine(int fd);
  void handOver(int fd);
  void watch(int fd, Clock::time_point deadline);
  void unwatch(int fd);
  void wake();
  int dropOverdue(Clock::time_point now);

  Poco::Net::ServerSocket listener_;
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  Settings settings_;
  sdk::Logger& logger_;
  int epoll_ = -1;
  int wakeFd_ = -1;

  std::map<int, Waiting> waiting_;  // gate thread only

  std::mutex mutex_;  // guards everything below
  std::condition_variable ready_;
  std::deque<Poco::Net::StreamSocket> queue_;
  std::vector<Poco::Net::StreamSocket> parked_;
  std::map<int, Clock::time_point> watched_;  // sockets of workers reading a request's headers
  std::map<int, Poco::Net::StreamSocket> serving_;
  bool stopping_ = false;

  std::thread gate_;
  std::vector<std::thread> workers_;
};

}  // namespace ucf::host
