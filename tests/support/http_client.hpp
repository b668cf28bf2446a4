#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace ucf::test {

/// An HTTP answer as the tests look at it.
struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  ///< Lower-case names; repeated headers joined with "\n".
  std::string body;

  /// The body parsed as JSON (throws when it is not).
  [[nodiscard]] boost::json::value json() const;
  /// A header by lower-case name, or "".
  [[nodiscard]] std::string header(const std::string& lowerName) const;
};

/// A real HTTP client on 127.0.0.1 (POCO), with a cookie jar and the session's CSRF token,
/// like a browser tab. Not thread-safe: one per simulated user.
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}

  HttpResult get(const std::string& path, const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResult del(const std::string& path, const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResult post(const std::string& path, const std::string& body,
                  const std::vector<std::pair<std::string, std::string>>& headers = {},
                  const std::string& contentType = "application/json");
  HttpResult put(const std::string& path, const std::string& body,
                 const std::vector<std::pair<std::string, std::string>>& headers = {},
                 const std::string& contentType = "application/json");
  HttpResult postJson(const std::string& path, const boost::json::value& body,
                      const std::vector<std::pair<std::string, std::string>>& headers = {});
  /// Any request, as is.
  HttpResult send(const std::string& method, const std::string& path, const std::string& body,
                  const std::vector<std::pair<std::string, std::string>>& headers, const std::string& contentType);

  /// Points the client (and its session) at another port, e.g. after a host restart.
  void setPort(std::uint16_t port) { port_ = port; }

  /// Cookies the server set (name → value).
  std::map<std::string, std::string>& cookies() { return cookies_; }
  /// The CSRF token sent as X-CSRF-Token on state-changing requests (empty: none sent).
  std::string& csrfToken() { return csrfToken_; }

 private:
  std::uint16_t port_;
  std::map<std::string, std::string> cookies_;
  std::string csrfToken_;
};

}  // namespace ucf::test
