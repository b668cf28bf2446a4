#include "mock-host/auth/session_change_listener.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <system_error>

#include <libpq-fe.h>

namespace ucf::host::auth {
namespace {

// A peer that vanished without closing (a dead network) is found by TCP keepalive within ~25 s;
// without it the listener would wait forever while its host trusted its cache.
constexpr const char* kConnectionSettings =
    " application_name=ucf-session-listener keepalives=1 keepalives_idle=10 keepalives_interval=5 keepalives_count=3";

enum class Woken { kReady, kStop, kTimeout };

/// Waits until `fd` is ready for `events`, the eventfd `wake` was written, or `timeoutMs` passed
/// (-1: no limit).
Woken waitFor(int fd, short events, int wake, int timeoutMs) {
  pollfd fds[2] = {{wake, POLLIN, 0}, {fd, events, 0}};
  while (true) {
    int n = ::poll(fds, fd < 0 ? 1 : 2, timeoutMs);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category(), "poll");
    if (n == 0) return Woken::kTimeout;
    if (fds[0].revents != 0) return Woken::kStop;
    return Woken::kReady;  // readable, writable, or closed/failed: libpq tells which
  }
}

int millisLeft(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::max<std::int64_t>(left.count(), 0));
}

void ignoreNotice(void*, const char*) {}  // the listener logs its own words for a lost connection

/// A libpq connection, finished when the holder goes.
struct Connection {
  PGconn* pg = nullptr;
  ~Connection() {
    if (pg != nullptr) PQfinish(pg);
  }
  [[nodiscard]] std::string problem() const {
    // libpq's message may hold several lines: the log gets one.
    std::string text;
    for (const char* c = pg != nullptr ? PQerrorMessage(pg) : "out of memory"; *c != '\0'; ++c) {
      const bool space = *c == '\n' || *c == '\t' || *c == ' ';
      if (!space) {
        text += *c;
      } else if (!text.empty() && text.back() != ' ') {
        text += ' ';
      }
    }
    if (!text.empty() && text.back() == ' ') text.pop_back();
    return text.empty() ? "connection lost" : text;
  }
};

/// The outcome of one attempt to connect and LISTEN.
struct Attempt {
  bool stop = false;    ///< The listener is stopping.
  std::string problem;  ///< Why it failed (empty on success).
};

Attempt connectAndListen(Connection& c, const std::string& conninfo, int wake, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  c.pg = PQconnectStart(conninfo.c_str());
  if (c.pg == nullptr || PQstatus(c.pg) == CONNECTION_BAD) return {false, c.problem()};
  PQsetNoticeProcessor(c.pg, ignoreNotice, nullptr);
  // libpq's non-blocking connect: wait for whatever PQconnectPoll asks, starting with writing.
  for (PostgresPollingStatusType state = PGRES_POLLING_WRITING; state != PGRES_POLLING_OK;
       state = PQconnectPoll(c.pg)) {
    if (state == PGRES_POLLING_FAILED) return {false, c.problem()};
    short events = state == PGRES_POLLING_READING ? POLLIN : POLLOUT;
    Woken w = waitFor(PQsocket(c.pg), events, wake, millisLeft(deadline));
    if (w == Woken::kStop) return {true, {}};
    if (w == Woken::kTimeout) return {false, "timed out connecting"};
  }
  const std::string listen = "LISTEN " + std::string(kSessionChannel);
  if (PQsendQuery(c.pg, listen.c_str()) == 0) return {false, c.problem()};
  bool ok = false;
  while (true) {
    while (PQisBusy(c.pg) != 0) {
      Woken w = waitFor(PQsocket(c.pg), POLLIN, wake, millisLeft(deadline));
      if (w == Woken::kStop) return {true, {}};
      if (w == Woken::kTimeout) return {false, "timed out on LISTEN"};
      if (PQconsumeInput(c.pg) == 0) return {false, c.problem()};
    }
    PGresult* result = PQgetResult(c.pg);
    if (result == nullptr) break;
    ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    PQclear(result);
  }
  if (!ok) return {false, c.problem()};
  return {};
}

}  // namespace

SessionChangeListener::SessionChangeListener(std::string connectionString, SessionChangeSink& sink, sdk::Logger& logger)
    : connectionString_(std::move(connectionString) + kConnectionSettings), sink_(sink), logger_(logger) {
  wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
  thread_ = std::thread([this] { run(); });
}

SessionChangeListener::~SessionChangeListener() {
  const std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_, &one, sizeof one);
  thread_.join();
  ::close(wake_);
}

bool SessionChangeListener::stopRequested(std::chrono::milliseconds timeout) const {
  return waitFor(-1, 0, wake_, static_cast<int>(timeout.count())) == Woken::kStop;
}

void SessionChangeListener::run() {
  auto retry = kFirstRetry;
  std::optional<bool> heard;  // what was last logged: nothing yet, listening, or not
  auto lost = [&](const std::string& problem) {
    backendPid_.store(0);
    sink_.changesHeard(false);
    if (heard.value_or(true)) {
      logger_.log(sdk::LogLevel::kWarning, "session changes of other hosts not heard (" + problem +
                                               "): sessions are cached for 1 s until listening again");
    }
    heard = false;
  };
  try {
    while (true) {
      Connection c;
      Attempt attempt = connectAndListen(c, connectionString_, wake_, kConnectTimeout);
      if (attempt.stop) return;
      if (attempt.problem.empty()) {
        backendPid_.store(PQbackendPID(c.pg));
        sink_.changesHeard(true);
        if (!heard.value_or(false)) {
          logger_.log(sdk::LogLevel::kInfo, "listening for session changes of other hosts (PostgreSQL channel " +
                                                std::string(kSessionChannel) + ")");
        }
        heard = true;
        retry = kFirstRetry;
        while (PQsocket(c.pg) >= 0) {
          if (waitFor(PQsocket(c.pg), POLLIN, wake_, -1) == Woken::kStop) return;
          if (PQconsumeInput(c.pg) == 0) break;
          while (PGnotify* n = PQnotifies(c.pg)) {
            if (auto change = sessionChangeFromPayload(n->extra)) sink_.sessionChanged(*change);
            PQfreemem(n);
          }
          if (PQstatus(c.pg) != CONNECTION_OK) break;
        }
        attempt.problem = c.problem();
      }
      lost(attempt.problem);
      if (stopRequested(retry)) return;
      retry = std::min(retry * 2, std::chrono::duration_cast<std::chrono::milliseconds>(kLastRetry));
    }
  } catch (const std::exception& e) {
    // Nothing is heard any more: the sessions fall back to the one-second cache for good.
    lost(e.what());
    logger_.log(sdk::LogLevel::kError, std::string("session change listener stopped: ") + e.what());
  }
}

}  // namespace ucf::host::auth
