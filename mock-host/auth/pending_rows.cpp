#include "mock-host/auth/pending_rows.hpp"

#include <string>

namespace ucf::host::auth {

using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

void dropExpiredAndTrim(Poco::Data::Session& session, const char* table, std::int64_t nowMs, std::int64_t keep) {
  const std::string name(table);
  Poco::Int64 at = nowMs;
  Poco::Int64 offset = keep;
  session << "DELETE FROM " + name + " WHERE expires_at_ms <= $1", useRef(at), now;
  // Every row issued no later than the (keep+1)-th newest goes; with fewer rows the subquery
  // is NULL and nothing does. Lifetimes are equal, so the oldest expire first.
  session << "DELETE FROM " + name + " WHERE expires_at_ms <= (SELECT expires_at_ms FROM " + name +
                 " ORDER BY expires_at_ms DESC LIMIT 1 OFFSET $1)",
      useRef(offset), now;
}

}  // namespace ucf::host::auth
