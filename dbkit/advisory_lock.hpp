#pragma once

#include <cstdint>

#include <Poco/Data/Session.h>

#include "dbkit/dialect.hpp"

namespace ucf::dbkit {

/// Holds a PostgreSQL session-level advisory lock on `key` for its lifetime: every process
/// that takes the same key over the same server waits for the holder (e.g. hosts applying
/// migrations at once). On SQLite it takes nothing (an immediate transaction serialises writers
/// there). The unlock in the destructor cannot throw: if it fails, the connection is broken and
/// the server dropped the lock with it. Not copyable or movable; the session must outlive it.
class AdvisoryLock {
 public:
  AdvisoryLock(Poco::Data::Session& session, Dialect dialect, std::int64_t key);
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;
  ~AdvisoryLock();

 private:
  Poco::Data::Session* session_ = nullptr;  // null: nothing held
  std::int64_t key_;
};

}  // namespace ucf::dbkit
