#pragma once

#include <memory>
#include <vector>

#include "mock-host/auth/auth_service.hpp"
#include "mock-host/auth/function_handler.hpp"
#include "mock-host/route_table.hpp"
#include "ucf/sdk/logger.hpp"

namespace ucf::host::auth {

/// 企业账号授权 (docs/PRODUCT.md §2.1): a CA user of an enterprise lists the registered accounts bound to its
/// USCC and trusts them, or stops trusting them. Anyone else gets 403.
/// `GET /api/enterprise/accounts` → `{items: [{account, displayName, registeredAt, trusted}]}`;
/// `PUT` and `DELETE /api/enterprise/accounts/{account}/trust` → 204 (CSRF-checked by the front;
/// an unknown account or one bound to another USCC → 404). The account's sessions on this host
/// see the change at their next request.
class EnterpriseAccountHandlers {
 public:
  EnterpriseAccountHandlers(AuthService& service, sdk::Logger& logger) : service_(service), logger_(logger) {}

  /// Registers the three endpoints with `routes` as owner `host`.
  void registerIn(RouteTable& routes);

 private:
  sdk::HttpResponse list(sdk::HttpRequest& request);
  sdk::HttpResponse trust(sdk::HttpRequest& request);
  sdk::HttpResponse untrust(sdk::HttpRequest& request);
  sdk::HttpResponse setTrusted(sdk::HttpRequest& request, bool trusted);

  AuthService& service_;
  sdk::Logger& logger_;
  std::vector<std::unique_ptr<FunctionHandler>> handlers_;
};

}  // namespace ucf::host::auth
