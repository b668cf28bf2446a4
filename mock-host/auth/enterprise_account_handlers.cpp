#include "mock-host/auth/enterprise_account_handlers.hpp"

#include <boost/json/value.hpp>

#include "mock-host/auth/iso_instant.hpp"
#include "mock-host/json_response.hpp"

namespace ucf::host::auth {
namespace {

// Only a CA principal's certificate proves that it acts for its USCC: only it may vouch for others.
bool mayManage(const std::optional<sdk::Principal>& p) {
  return p && p->kind == sdk::PrincipalKind::kCa && p->has(sdk::Role::kEnterprise) && !p->uscc.empty();
}

sdk::HttpResponse caOnly() { return problem(403, "Forbidden", "仅CA用户可管理本企业的账号授权"); }

}  // namespace

void EnterpriseAccountHandlers::registerIn(RouteTable& routes) {
  auto add = [&](const char* method, const char* pattern,
                 sdk::HttpResponse (EnterpriseAccountHandlers::*member)(sdk::HttpRequest&)) {
    handlers_.push_back(std::make_unique<FunctionHandler>(
        std::string(method) + " " + pattern, [this, member](sdk::HttpRequest& r) { return (this->*member)(r); },
        logger_));
    routes.add({method, pattern, sdk::RouteAccess::kAuthenticated}, *handlers_.back(), "host");
  };
  add("GET", "/api/enterprise/accounts", &EnterpriseAccountHandlers::list);
  add("PUT", "/api/enterprise/accounts/{account}/trust", &EnterpriseAccountHandlers::trust);
  add("DELETE", "/api/enterprise/accounts/{account}/trust", &EnterpriseAccountHandlers::untrust);
}

sdk::HttpResponse EnterpriseAccountHandlers::list(sdk::HttpRequest& request) {
  if (!mayManage(request.principal)) return caOnly();
  boost::json::array items;
  for (const auto& a : service_.accounts().registeredFor(request.principal->uscc)) {
    items.push_back(boost::json::object{{"account", a.account},
                                        {"displayName", a.displayName},
                                        {"registeredAt", formatInstant(a.registeredAt)},
                                        {"trusted", a.trusted}});
  }
  return json(200, boost::json::object{{"items", std::move(items)}});
}

sdk::HttpResponse EnterpriseAccountHandlers::trust(sdk::HttpRequest& request) { return setTrusted(request, true); }

sdk::HttpResponse EnterpriseAccountHandlers::untrust(sdk::HttpRequest& request) { return setTrusted(request, false); }

sdk::HttpResponse EnterpriseAccountHandlers::setTrusted(sdk::HttpRequest& request, bool trusted) {
  if (!mayManage(request.principal)) return caOnly();
  const sdk::Principal& by = *request.principal;
  const std::string account(request.pathParam("account"));
  auto id = service_.accounts().setTrusted(account, by.uscc, trusted, by.userId);
  // Another enterprise's account answers as one that does not exist.
  if (!id) return problem(404, "Not Found", "本企业没有该注册账号");
  service_.sessions().forgetAccount(*id);
  logger_.log(sdk::LogLevel::kInfo,
              "account " + account + (trusted ? " trusted by " : " no longer trusted by ") + by.account);
  sdk::HttpResponse r;
  r.status = 204;
  return r;
}

}  // namespace ucf::host::auth
