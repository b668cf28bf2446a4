#include "mock-host/auth/connection_pool.hpp"

#include <algorithm>
#include <string>

#include <Poco/Data/DataException.h>

namespace ucf::host::auth {

ConnectionPool::Lease::~Lease() {
  if (session_) pool_->giveBack(std::move(*session_));
}

ConnectionPool::ConnectionPool(Opener open, int maxSessions, std::chrono::milliseconds maxWait)
    : opener_(std::move(open)), maxSessions_(std::max(1, maxSessions)), maxWait_(maxWait) {}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  if (!returned_.wait_for(lock, maxWait_, [&] { return !idle_.empty() || open_ < maxSessions_; })) {
    throw Poco::Data::SessionPoolExhaustedException("every host database connection stayed in use for " +
                                                    std::to_string(maxWait_.count()) + " ms");
  }
  if (!idle_.empty()) {
    Poco::Data::Session session = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(session));
  }
  ++open_;  // counted while it opens, so that no more than maxSessions are ever opened
  lock.unlock();
  try {
    return Lease(*this, opener_());
  } catch (...) {
    lock.lock();
    --open_;
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
      closing.emplace(std::move(session));
    }
    returned_.notify_one();
  }
  try {
    closing.reset();  // closed outside the lock
  } catch (...) {
  }
}

}  // namespace ucf::host::auth
