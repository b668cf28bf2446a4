#pragma once

#include <cstdint>

#include <Poco/Data/Session.h>

namespace ucf::host::auth {

/// How many unanswered captchas and e-key challenges the host keeps (HostOptions).
struct PendingBounds {
  std::int64_t captchas;
  std::int64_t challenges;
};

/// Keeps a table of single-use secrets handed to anonymous clients (captchas, e-key challenges)
/// bounded, so that requests nobody answers cannot grow the host database without limit: drops
/// the rows whose `expires_at_ms` is past `nowMs`, then the oldest beyond `keep` rows. `table`
/// is one of the host's table names (a constant, never input). Run inside the issuing write.
void dropExpiredAndTrim(Poco::Data::Session& session, const char* table, std::int64_t nowMs, std::int64_t keep);

}  // namespace ucf::host::auth
