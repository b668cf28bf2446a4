#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ucf/sdk/principal.hpp"

namespace ucf::host {

/// A live session as the HTTP front needs it.
struct ResolvedSession {
  std::string id;
  std::string csrfToken;
  sdk::Principal principal;
};

/// Turns a session cookie into a principal. Implemented by the host's session store.
/// Thread-safe: called from every worker thread.
class SessionResolver {
 public:
  virtual ~SessionResolver() = default;

  /// The live session of `sessionId`, touching its idle timer; nullopt when unknown or expired.
  virtual std::optional<ResolvedSession> resolve(std::string_view sessionId) = 0;
};

/// Name of the session cookie.
inline constexpr const char* kSessionCookie = "ucf_session";

}  // namespace ucf::host
