#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ucf/sdk/http_request.hpp"

namespace ucf::host::auth {

/// The value of the session cookie (sessionCookieName(secure)) that `request` carries, if any.
std::optional<std::string> sessionCookieOf(const sdk::HttpRequest& request, bool secure);

/// The `Set-Cookie` value that hands out session `id`: HttpOnly, SameSite=Strict, Path=/, a
/// browser-session cookie (the host ends the session itself); over HTTPS (`secure`) also Secure
/// and named with the `__Host-` prefix.
std::string sessionCookie(std::string_view id, bool secure);

/// The `Set-Cookie` value that removes the session cookie.
std::string clearedSessionCookie(bool secure);

}  // namespace ucf::host::auth
