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

/// Name of the session cookie over plain HTTP.
inline constexpr const char* kSessionCookie = "ucf_session";
/// Name of the session cookie over HTTPS: the `__Host-` prefix makes browsers accept it only
/// when Secure, from the host itself and for Path=/, so nobody on the network or on a sibling
/// domain can plant one (session fixation).
inline constexpr const char* kSecureSessionCookie = "__Host-ucf_session";

/// The session cookie's name when the host serves HTTPS (`secure`) or plain HTTP.
inline const char* sessionCookieName(bool secure) { return secure ? kSecureSessionCookie : kSessionCookie; }

}  // namespace ucf::host
