#include "mock-host/connection_gate.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <memory>
#include <optional>
#include <string_view>

#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

namespace ucf::host {
namespace {

// Enough for any request line and headers POCO accepts in practice; a peek that fills it is
// handed over as it is (POCO then answers an oversized head with 400).
constexpr std::size_t kPeekBytes = 32 * 1024;
// The gate looks at deadlines at least this often.
constexpr auto kMaxWait = std::chrono::milliseconds(250);
// How long a worker waits for a keep-alive client's next request before parking the connection.
constexpr auto kLinger = std::chrono::milliseconds(2);

bool headComplete(std::string_view bytes) {
  return bytes.find("\r\n\r\n") != std::string_view::npos || bytes.find("\n\n") != std::string_view::npos;
}

int fdOf(const Poco::Net::Socket& socket) { return static_cast<int>(socket.impl()->sockfd()); }

// POCO's server session, with how many bytes it read ahead (a pipelined request) made public.
class GatedSession final : public Poco::Net::HTTPServerSession {
 public:
  using HTTPServerSession::buffered;
  using HTTPServerSession::HTTPServerSession;
};

void sendBadRequest(Poco::Net::HTTPServerSession& session) {
  try {
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
    response.setKeepAlive(false);
    response.send();
  } catch (...) {
    // The client is gone; nothing to tell it.
  }
}

}  // namespace

bool ConnectionGate::nextHeadArrives(int fd) const {
  pollfd one{fd, POLLIN, 0};
  if (::poll(&one, 1, static_cast<int>(kLinger.count())) != 1 || !(one.revents & POLLIN)) return false;
  if (settings_.tls) return true;  // cannot look inside; the header watch bounds the read
  std::array<char, kPeekBytes> peeked;
  ssize_t n = ::recv(fd, peeked.data(), peeked.size(), MSG_PEEK | MSG_DONTWAIT);
  return n > 0 && headComplete(std::string_view(peeked.data(), static_cast<std::size_t>(n)));
}

ConnectionGate::ConnectionGate(const Poco::Net::ServerSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                               Poco::Net::HTTPRequestHandlerFactory::Ptr factory, Settings settings,
                               sdk::Logger& logger)
    : listener_(socket),
      params_(std::move(params)),
      factory_(std::move(factory)),
      settings_(settings),
      logger_(logger) {}

ConnectionGate::~ConnectionGate() { stop(); }

void ConnectionGate::start() {
  epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  wakeFd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_ < 0 || wakeFd_ < 0) throw std::runtime_error("cannot create the connection gate's epoll or eventfd");
  // Accept only what epoll announced, and never block on one that vanished meanwhile.
  int listenFd = fdOf(listener_);
  if (::fcntl(listenFd, F_SETFL, ::fcntl(listenFd, F_GETFL) | O_NONBLOCK) != 0) {
    throw std::runtime_error("cannot make the listening socket non-blocking");
  }
  for (int fd : {fdOf(listener_), wakeFd_}) {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = fd;
    if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event) != 0) throw std::runtime_error("epoll_ctl failed");
  }
  gate_ = std::thread([this] { gateLoop(); });
  for (int i = 0; i < settings_.workers; ++i) workers_.emplace_back([this] { workerLoop(); });
}

void ConnectionGate::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    queue_.clear();
    parked_.clear();
    // Cut the requests being served, as POCO's stopAll(true) did: their handlers finish at once.
    for (const auto& [fd, socket] : serving_) ::shutdown(fd, SHUT_RDWR);
  }
  ready_.notify_all();
  if (wakeFd_ >= 0) wake();
  if (gate_.joinable()) gate_.join();
  for (auto& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
  if (epoll_ >= 0) ::close(epoll_);
  if (wakeFd_ >= 0) ::close(wakeFd_);
  epoll_ = wakeFd_ = -1;
}

void ConnectionGate::wake() {
  std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wakeFd_, &one, sizeof one);
}

void ConnectionGate::gateLoop() {
  std::array<epoll_event, 64> events;
  for (;;) {
    std::vector<Poco::Net::StreamSocket> parked;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      parked.swap(parked_);
    }
    for (auto& socket : parked) admit(socket);
    int timeout = dropOverdue(Clock::now());
    int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), timeout);
    for (int i = 0; i < n; ++i) {
      int fd = events[static_cast<std::size_t>(i)].data.fd;
      if (fd == wakeFd_) {
        std::uint64_t count = 0;
        [[maybe_unused]] auto got = ::read(wakeFd_, &count, sizeof count);
      } else if (fd == fdOf(listener_)) {
        try {
          Poco::Net::StreamSocket accepted = listener_.acceptConnection();
          // A response leaves as two writes, its head and then its body (POCO's sendBuffer). With
          // Nagle's algorithm on, the body waits for the client to acknowledge the head, and
          // clients delay that acknowledgement by up to 40 ms: requests then took 44 ms each.
          accepted.setNoDelay(true);
          admit(accepted);
        } catch (const Poco::Exception&) {
          // Gone before we accepted it, or out of descriptors: the next event tries again.
        }
      } else {
        examine(fd);
      }
    }
  }
  for (auto& [fd, waiting] : waiting_) ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
  waiting_.clear();  // closes them
  listener_.close();
}

void ConnectionGate::admit(const Poco::Net::StreamSocket& socket) {
  int fd = fdOf(socket);
  epoll_event event{};
  // Edge-triggered: peeked bytes stay unread, so a level-triggered poll would never rest.
  event.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
  event.data.fd = fd;
  if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event) != 0) return;  // dropping `socket` closes it
  waiting_[fd] = Waiting{socket, Clock::now() + settings_.headerTimeout};
}

void ConnectionGate::examine(int fd) {
  auto it = waiting_.find(fd);
  if (it == waiting_.end()) return;
  if (settings_.tls) {
    handOver(fd);  // encrypted: the worker reads the head, within the header deadline
    return;
  }
  std::array<char, kPeekBytes> peeked;
  ssize_t n = ::recv(fd, peeked.data(), peeked.size(), MSG_PEEK | MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  if (n <= 0) {  // closed by the client, or broken
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    waiting_.erase(it);
    return;
  }
  std::string_view bytes(peeked.data(), static_cast<std::size_t>(n));
  if (headComplete(bytes) || bytes.size() == peeked.size()) handOver(fd);
}

void ConnectionGate::handOver(int fd) {
  auto it = waiting_.find(fd);
  ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
  // The gate lets go of the socket under the lock that the worker takes it under: POCO counts
  // socket references inside its (uninstrumented) library, so ThreadSanitizer sees only this.
  std::lock_guard lock(mutex_);
  if (!stopping_ && static_cast<int>(queue_.size()) < settings_.maxQueued) {
    queue_.push_back(it->second.socket);
    ready_.notify_one();
  } else if (!stopping_) {
    logger_.log(sdk::LogLevel::kWarning, "every worker is busy and the queue is full: connection dropped");
  }
  waiting_.erase(it);
}

int ConnectionGate::dropOverdue(Clock::time_point now) {
  Clock::time_point next = now + kMaxWait;
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    if (it->second.deadline <= now) {
      ::epoll_ctl(epoll_, EPOLL_CTL_DEL, it->first, nullptr);
      it = waiting_.erase(it);  // its request head took too long: dropped
    } else {
      next = std::min(next, it->second.deadline);
      ++it;
    }
  }
  {
    std::lock_guard lock(mutex_);
    for (auto it = watched_.begin(); it != watched_.end();) {
      if (it->second <= now) {
        ::shutdown(it->first, SHUT_RDWR);  // the worker's read ends; it closes the socket
        it = watched_.erase(it);
      } else {
        next = std::min(next, it->second);
        ++it;
      }
    }
  }
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count();
  return static_cast<int>(std::clamp<long long>(wait + 1, 1, kMaxWait.count()));
}

void ConnectionGate::watch(int fd, Clock::time_point deadline) {
  std::lock_guard lock(mutex_);
  watched_[fd] = deadline;
}

void ConnectionGate::unwatch(int fd) {
  std::lock_guard lock(mutex_);
  watched_.erase(fd);
}

void ConnectionGate::workerLoop() {
  for (;;) {
    Poco::Net::StreamSocket socket;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      socket = queue_.front();  // POCO sockets are shared handles: a copy is cheap
      queue_.pop_front();
      serving_[fdOf(socket)] = socket;
    }
    int fd = fdOf(socket);
    std::optional<Poco::Net::StreamSocket> waitAgain;
    try {
      waitAgain = serve(socket);
    } catch (const std::exception& e) {
      logger_.log(sdk::LogLevel::kError, std::string("connection failed: ") + e.what());
    }
    // Forget the connection before the gate may hand it to another worker, and let go of every
    // copy of it under the lock (see handOver).
    std::lock_guard lock(mutex_);
    watched_.erase(fd);
    serving_.erase(fd);
    if (waitAgain && !stopping_) {
      parked_.push_back(*waitAgain);
      wake();
    }
    waitAgain.reset();
    socket = Poco::Net::StreamSocket();
  }
}

// One connection's requests, as POCO's HTTPServerConnection::run serves them, until the next
// request has not arrived yet: then it returns the connection, to go back to the gate.
std::optional<Poco::Net::StreamSocket> ConnectionGate::serve(const Poco::Net::StreamSocket& socket) {
  const int fd = fdOf(socket);
  GatedSession session(socket, params_);
  // hasMoreRequests also counts requests for keep-alive; data is there, so it does not wait.
  while (session.hasMoreRequests()) {
    // The head is whole when the gate hands a connection over, but not one pipelined behind
    // another, nor over TLS: the gate cuts the socket if it is not read in time.
    watch(fd, Clock::now() + settings_.headerTimeout);
    try {
      Poco::Net::HTTPServerResponseImpl response(session);
      Poco::Net::HTTPServerRequestImpl request(response, session, params_.get());
      unwatch(fd);
      response.setDate(Poco::Timestamp());
      response.setVersion(request.getVersion());
      response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() && session.canKeepAlive());
      if (!params_->getSoftwareVersion().empty()) response.set("Server", params_->getSoftwareVersion());
      std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(factory_->createRequestHandler(request));
      if (request.getExpectContinue() && response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK) {
        response.sendContinue();
      }
      handler->handleRequest(request, response);
      session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() && session.canKeepAlive());
    } catch (const Poco::Net::NoMessageException&) {
      unwatch(fd);
      return std::nullopt;  // closed by the client between requests, or cut for being too slow
    } catch (const Poco::Net::MessageException&) {
      unwatch(fd);
      sendBadRequest(session);
      return std::nullopt;
    } catch (const Poco::Exception&) {
      unwatch(fd);
      return std::nullopt;  // a network error: the connection is over
    }
    if (!session.getKeepAlive()) return std::nullopt;
    // A pipelined request, or a busy client's next one arriving whole at once: serve it here
    // rather than through the gate (a round trip of two threads per request under load).
    if (session.buffered() == 0 && !nextHeadArrives(fd)) return session.detachSocket();
  }
  return std::nullopt;
}

}  // namespace ucf::host
