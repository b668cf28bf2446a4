#include "dbkit/advisory_lock.hpp"

#include <Poco/Types.h>

namespace ucf::dbkit {

using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

AdvisoryLock::AdvisoryLock(Poco::Data::Session& session, Dialect dialect, std::int64_t key) : key_(key) {
  if (dialect != Dialect::kPostgresql) return;
  const Poco::Int64 value = key_;
  session << "SELECT pg_advisory_lock($1)", useRef(value), now;
  session_ = &session;
}

AdvisoryLock::~AdvisoryLock() {
  if (!session_) return;
  try {
    const Poco::Int64 value = key_;
    *session_ << "SELECT pg_advisory_unlock($1)", useRef(value), now;
  } catch (...) {
    // The connection is gone, and the lock with it.
  }
}

}  // namespace ucf::dbkit
