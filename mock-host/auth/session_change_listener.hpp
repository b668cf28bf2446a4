#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "mock-host/auth/session_change.hpp"
#include "ucf/sdk/logger.hpp"

namespace ucf::host::auth {

/// Hears the session changes of every host over one PostgreSQL (`LISTEN ucf_sessions`) and hands
/// them to a SessionChangeSink. It keeps a libpq connection of its own (POCO 1.11 exposes no
/// notifications) and a thread that waits on that connection's socket with poll(), together with
/// an eventfd that wakes it for a prompt stop.
///
/// When the connection is lost (server restart, the backend terminated, a peer dead for the TCP
/// keepalive's ~25 s) the sink hears `changesHeard(false)`; the thread reconnects with backoff
/// (50 ms doubling to 2 s) and, once LISTEN is back, the sink hears `changesHeard(true)`. Each
/// transition is logged once. Connecting and LISTEN run on the thread, so the host starts even
/// while the server is away. Stopped (thread joined) by the destructor.
class SessionChangeListener {
 public:
  /// Starts listening over `connectionString` (libpq's `key=value` form, as
  /// dbkit::postgresqlConnectionString gives it). `sink` must outlive this object.
  SessionChangeListener(std::string connectionString, SessionChangeSink& sink, sdk::Logger& logger);
  ~SessionChangeListener();
  SessionChangeListener(const SessionChangeListener&) = delete;
  SessionChangeListener& operator=(const SessionChangeListener&) = delete;

  /// The server process of the listening connection; 0 while not listening (tests terminate it).
  [[nodiscard]] int backendPid() const { return backendPid_.load(); }

 private:
  static constexpr std::chrono::milliseconds kFirstRetry{50};
  static constexpr std::chrono::milliseconds kLastRetry{2000};
  static constexpr std::chrono::seconds kConnectTimeout{5};

  void run();
  /// Whether the thread must end (the eventfd was written), waiting up to `timeout` for it.
  bool stopRequested(std::chrono::milliseconds timeout) const;

  std::string connectionString_;
  SessionChangeSink& sink_;
  sdk::Logger& logger_;
  int wake_ = -1;  // eventfd, written once by the destructor
  std::atomic<int> backendPid_{0};
  std::thread thread_;
};

}  // namespace ucf::host::auth
