#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ucf/sdk/http_request.hpp"

namespace ucf::host::auth {

/// The value of the session cookie (kSessionCookie) that `request` carries, if any.
std::optional<std::string> sessionCookieOf(const sdk::HttpRequest& request);

/// The `Set-Cookie` value that hands out session `id`: HttpOnly, SameSite=Strict, Path=/, a
/// browser-session cookie (the host ends the session itself).
std::string sessionCookie(std::string_view id);

/// The `Set-Cookie` value that removes the session cookie.
std::string clearedSessionCookie();

}  // namespace ucf::host::auth
