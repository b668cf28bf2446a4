#include "mock-host/auth/principal_json.hpp"

#include <boost/json/parse.hpp>

namespace ucf::host::auth {
namespace {

boost::json::value orNull(const std::string& text) {
  return text.empty() ? boost::json::value(nullptr) : boost::json::value(text);
}

std::string textOf(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

boost::json::object principalToJson(const sdk::Principal& p) {
  boost::json::array roles;
  for (sdk::Role r : p.roles) roles.emplace_back(sdk::toString(r));
  return boost::json::object{{"userId", p.userId},
                             {"account", p.account},
                             {"displayName", p.displayName},
                             {"kind", sdk::toString(p.kind)},
                             {"roles", std::move(roles)},
                             {"uscc", orNull(p.uscc)},
                             {"enterpriseName", orNull(p.enterpriseName)},
                             {"verified", p.verified},
                             {"provinceCode", orNull(p.provinceCode)}};
}

std::optional<sdk::Principal> principalFromJson(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  sdk::Principal p;
  p.userId = textOf(o, "userId");
  p.account = textOf(o, "account");
  p.displayName = textOf(o, "displayName");
  std::string kind = textOf(o, "kind");
  if (kind == sdk::toString(sdk::PrincipalKind::kCa)) {
    p.kind = sdk::PrincipalKind::kCa;
  } else if (kind == sdk::toString(sdk::PrincipalKind::kRegistered)) {
    p.kind = sdk::PrincipalKind::kRegistered;
  } else {
    return std::nullopt;
  }
  if (const auto* roles = o.if_contains("roles"); roles && roles->is_array()) {
    for (const auto& r : roles->as_array()) {
      if (!r.is_string()) continue;
      for (sdk::Role role :
           {sdk::Role::kEnterprise, sdk::Role::kReviewer, sdk::Role::kRechecker, sdk::Role::kSupervisor}) {
        if (r.as_string() == sdk::toString(role)) p.roles.push_back(role);
      }
    }
  }
  p.uscc = textOf(o, "uscc");
  p.enterpriseName = textOf(o, "enterpriseName");
  const auto* verified = o.if_contains("verified");
  p.verified = verified && verified->is_bool() && verified->as_bool();
  p.provinceCode = textOf(o, "provinceCode");
  if (p.userId.empty() || p.roles.empty()) return std::nullopt;
  return p;
}

}  // namespace ucf::host::auth
