#include "mock-host/auth/connection_pool.hpp"

#include <algorithm>
#include <string>

#include <Poco/Data/DataException.h>

#include "dbkit/connection_health.hpp"

namespace ucf::host::auth {

ConnectionPool::Lease::~Lease() {
  if (session_) pool_->giveBack(std::move(*session_));
}

ConnectionPool::ConnectionPool(Opener open, int maxSessions, std::chrono::milliseconds maxWait, Probe answers)
    : opener_(std::move(open)),
      answers_(std::move(answers)),
      maxSessions_(std::max(1, maxSessions)),
      maxWait_(maxWait) {}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  const auto deadline = std::chrono::steady_clock::now() + maxWait_;
  while (true) {
    if (!returned_.wait_until(lock, deadline, [&] { return !idle_.empty() || open_ < maxSessions_; })) {
      throw Poco::Data::SessionPoolExhaustedException("every host database connection stayed in use for " +
                                                      std::to_string(maxWait_.count()) + " ms");
    }
    if (idle_.empty()) break;
    Poco::Data::Session session = std::move(idle_.back());
    idle_.pop_back();
    if (dbkit::stillConnected(session)) return Lease(*this, std::move(session));
    --open_;  // the server closed it (a restart): dropped, and the next one is looked at
    serverLost_ = true;
    lock.unlock();
    dbkit::discardSession(std::move(session));
    lock.lock();
  }
  const bool probe = serverLost_ && answers_;
  ++open_;  // counted while it opens, so that no more than maxSessions are ever opened
  lock.unlock();
  try {
    if (probe && !answers_()) throw Poco::Data::ConnectionFailedException("the database server does not answer");
    Lease lease(*this, opener_());
    lock.lock();
    serverLost_ = false;
    lock.unlock();
    return lease;
  } catch (...) {
    if (!lock.owns_lock()) lock.lock();
    --open_;
    serverLost_ = true;
    returned_.notify_one();
    throw;
  }
}

void ConnectionPool::giveBack(Poco::Data::Session session) noexcept {
  bool usable = false;
  try {
    usable = session.isConnected();
  } catch (...) {
  }
  std::optional<Poco::Data::Session> closing;
  {
    std::lock_guard lock(mutex_);
    if (usable) {
      idle_.push_back(std::move(session));
    } else {
      --open_;  // a broken connection (e.g. the server restarted) is not reused
      serverLost_ = true;
      closing.emplace(std::move(session));
    }
    returned_.notify_one();
  }
  if (closing) dbkit::discardSession(std::move(*closing));  // closed outside the lock
}

}  // namespace ucf::host::auth
