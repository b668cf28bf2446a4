#pragma once

#include <memory>
#include <vector>

#include "mock-host/auth/auth_service.hpp"
#include "mock-host/auth/dev_ca.hpp"
#include "mock-host/auth/function_handler.hpp"
#include "mock-host/movable_clock.hpp"
#include "mock-host/route_table.hpp"
#include "ucf/sdk/logger.hpp"

namespace ucf::host::auth {

/// The `--dev` endpoints (docs/PRODUCT.md §7), registered only in dev mode (so 404 otherwise), needing no
/// session and no CSRF token:
/// `POST /api/dev/enterprise-certificates` {uscc, enterpriseName, username, password} → 201
///   {certificate, privateKey} from the dev CA, with the CA account provisioned;
/// `POST /api/dev/ca-accounts` {username, password} → 201 (created) or 200 (updated) {username};
/// `POST /api/dev/authority-accounts` {account, password, roles, provinceCode} → 201 or 200
///   {account, roles, provinceCode};
/// `PUT /api/dev/clock` {now} → 200 {now}: moves the host clock.
/// Provisioning an existing account replaces its password (and roles) and ends its sessions.
class DevHandlers {
 public:
  DevHandlers(AuthService& service, const DevCa& devCa, MovableClock& clock, sdk::Logger& logger);

  /// Registers every endpoint with `routes` as owner `host`, CSRF-exempt.
  void registerIn(RouteTable& routes);

 private:
  sdk::HttpResponse enterpriseCertificate(sdk::HttpRequest& request);
  sdk::HttpResponse caAccount(sdk::HttpRequest& request);
  sdk::HttpResponse authorityAccount(sdk::HttpRequest& request);
  sdk::HttpResponse moveClock(sdk::HttpRequest& request);
  /// Drops this host's cache of an account provisioned again (its sessions ended).
  void forgetSessionsOf(Realm realm, const std::string& account);

  AuthService& service_;
  const DevCa& devCa_;
  MovableClock& clock_;
  sdk::Logger& logger_;
  std::vector<std::unique_ptr<FunctionHandler>> handlers_;
};

}  // namespace ucf::host::auth
