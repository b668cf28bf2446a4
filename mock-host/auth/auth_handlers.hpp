#pragma once

#include <memory>
#include <vector>

#include "mock-host/auth/auth_service.hpp"
#include "mock-host/auth/function_handler.hpp"
#include "mock-host/route_table.hpp"
#include "ucf/sdk/logger.hpp"

namespace ucf::host::auth {

/// The host's login endpoints (docs/PRODUCT.md §7), thin over AuthService:
/// `GET /api/auth/captcha`, `POST /api/auth/register`, `POST /api/auth/login`,
/// `POST /api/auth/ca/challenge`, `POST /api/auth/ca/login` (these five need no session and
/// no CSRF token), `POST /api/auth/logout` (CSRF-checked by the front when a session exists),
/// `GET /api/session` (401 without a session). Errors are problem+json.
class AuthHandlers {
 public:
  /// `dev` adds the captcha's answer to `GET /api/auth/captcha`; `secureCookie` (HTTPS) makes
  /// the session cookie Secure and `__Host-` named.
  AuthHandlers(AuthService& service, bool dev, bool secureCookie, sdk::Logger& logger);

  /// Registers every endpoint with `routes` as owner `host`.
  void registerIn(RouteTable& routes);

 private:
  sdk::HttpResponse captcha(sdk::HttpRequest& request);
  sdk::HttpResponse registerAccount(sdk::HttpRequest& request);
  sdk::HttpResponse login(sdk::HttpRequest& request);
  sdk::HttpResponse caChallenge(sdk::HttpRequest& request);
  sdk::HttpResponse caLogin(sdk::HttpRequest& request);
  sdk::HttpResponse logout(sdk::HttpRequest& request);
  sdk::HttpResponse session(sdk::HttpRequest& request);

  AuthService& service_;
  bool dev_;
  bool secureCookie_;
  sdk::Logger& logger_;
  std::vector<std::unique_ptr<FunctionHandler>> handlers_;
};

}  // namespace ucf::host::auth
