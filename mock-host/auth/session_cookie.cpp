#include "mock-host/auth/session_cookie.hpp"

#include "mock-host/session_resolver.hpp"

namespace ucf::host::auth {
namespace {

std::string_view trimmed(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool isCookieHeader(std::string_view name) {
  static constexpr std::string_view kCookie = "cookie";
  if (name.size() != kCookie.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kCookie[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> sessionCookieOf(const sdk::HttpRequest& request, bool secure) {
  const std::string_view cookieName = sessionCookieName(secure);
  for (const auto& [name, value] : request.headers) {
    if (!isCookieHeader(name)) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      std::size_t semicolon = rest.find(';');
      std::string_view pair = trimmed(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
      std::size_t equals = pair.find('=');
      if (equals == std::string_view::npos) continue;
      if (trimmed(pair.substr(0, equals)) == cookieName) return std::string(trimmed(pair.substr(equals + 1)));
    }
  }
  return std::nullopt;
}

std::string sessionCookie(std::string_view id, bool secure) {
  return std::string(sessionCookieName(secure)) + "=" + std::string(id) + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string clearedSessionCookie(bool secure) {
  return std::string(sessionCookieName(secure)) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

}  // namespace ucf::host::auth
