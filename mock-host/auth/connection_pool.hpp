#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include <Poco/Data/Session.h>

namespace ucf::host::auth {

/// The host database's connections. A thread that finds none idle opens one itself, outside the
/// pool's lock, so that threads arriving together open theirs at the same time. (POCO's
/// SessionPool opens under its mutex: when the host's 32 threads all needed a PostgreSQL
/// connection at once, the last waited for 31 connects in turn, about a second; issue 18.)
/// When `maxSessions` are open and all leased, `acquire` waits for one to come back.
/// Thread-safe. Every lease must end before the pool is destroyed.
class ConnectionPool {
 public:
  /// Opens a new connection with its settings applied; may throw.
  using Opener = std::function<Poco::Data::Session()>;
  /// Whether the server answers now, asked without opening a session (empty: always assumed).
  using Probe = std::function<bool()>;

  /// One connection, held by one thread until the lease is destroyed; a connection found
  /// disconnected then is closed instead of kept. Move-only.
  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(other.pool_), session_(std::move(other.session_)) { other.session_.reset(); }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    /// The leased session.
    Poco::Data::Session& session() { return *session_; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool& pool, Poco::Data::Session session) : pool_(&pool), session_(std::move(session)) {}

    ConnectionPool* pool_;
    std::optional<Poco::Data::Session> session_;
  };

  /// At most `maxSessions` (≥ 1) connections; `acquire` waits up to `maxWait` for one.
  /// `answers`: asked before a connection is opened once one was found closed by the server
  /// (POCO 1.11 leaks the libpq connection of a failed connect, so none is tried in vain).
  ConnectionPool(Opener open, int maxSessions, std::chrono::milliseconds maxWait, Probe answers = {});

  /// An idle connection that is still connected (idle ones the server closed, e.g. in a restart,
  /// are dropped here), or a new one when fewer than `maxSessions` are open. Throws
  /// Poco::Data::SessionPoolExhaustedException after `maxWait` with all in use,
  /// Poco::Data::ConnectionFailedException when the server does not answer the probe, or what
  /// opening a connection threw.
  Lease acquire();

 private:
  void giveBack(Poco::Data::Session session) noexcept;

  Opener opener_;
  Probe answers_;
  bool serverLost_ = false;  // guarded by mutex_
  const int maxSessions_;
  const std::chrono::milliseconds maxWait_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<Poco::Data::Session> idle_;  // most recently used last
  int open_ = 0;                           // idle, leased and being opened
};

}  // namespace ucf::host::auth
