#include "mock-host/auth/dev_handlers.hpp"

#include <algorithm>

#include <boost/json/value.hpp>

#include "mock-host/auth/account_rules.hpp"
#include "mock-host/auth/iso_instant.hpp"
#include "mock-host/auth/json_body.hpp"
#include "mock-host/json_response.hpp"
#include "reference/field_codes.hpp"

namespace ucf::host::auth {
namespace {

namespace code = reference::field_code;

std::optional<sdk::Role> authorityRole(std::string_view word) {
  for (sdk::Role r : {sdk::Role::kReviewer, sdk::Role::kRechecker, sdk::Role::kSupervisor}) {
    if (word == sdk::toString(r)) return r;
  }
  return std::nullopt;
}

}  // namespace

DevHandlers::DevHandlers(AuthService& service, const DevCa& devCa, MovableClock& clock, sdk::Logger& logger)
    : service_(service), devCa_(devCa), clock_(clock), logger_(logger) {}

void DevHandlers::registerIn(RouteTable& routes) {
  auto add = [&](const char* method, const char* pattern, sdk::HttpResponse (DevHandlers::*member)(sdk::HttpRequest&)) {
    handlers_.push_back(std::make_unique<FunctionHandler>(
        std::string(method) + " " + pattern, [this, member](sdk::HttpRequest& r) { return (this->*member)(r); },
        logger_));
    routes.add({method, pattern, sdk::RouteAccess::kPublic}, *handlers_.back(), "host", true);
  };
  add("POST", "/api/dev/enterprise-certificates", &DevHandlers::enterpriseCertificate);
  add("POST", "/api/dev/ca-accounts", &DevHandlers::caAccount);
  add("POST", "/api/dev/authority-accounts", &DevHandlers::authorityAccount);
  add("PUT", "/api/dev/clock", &DevHandlers::moveClock);
}

sdk::HttpResponse DevHandlers::enterpriseCertificate(sdk::HttpRequest& request) {
  auto body = readJsonObject(request);
  if (auto* error = std::get_if<sdk::HttpResponse>(&body)) return std::move(*error);
  JsonFields fields(std::get<boost::json::object>(body), {"uscc", "enterpriseName", "username", "password"});
  std::string uscc = fields.text("uscc");
  std::string enterpriseName = fields.text("enterpriseName");
  std::string username = fields.text("username");
  std::string password = fields.text("password");
  if (!fields.failed("uscc")) fields.add(checkAsFormField("uscc", "uscc", uscc));
  if (!fields.failed("enterpriseName"))
    fields.add(checkAsFormField("enterpriseName", "enterpriseName", enterpriseName));
  if (!fields.failed("username")) fields.add(checkCertificateUsername("username", username));
  if (!fields.failed("password")) fields.add(checkPassword("password", password));
  if (!fields.problems().empty()) return fields.response();
  DevCa::Issued issued = devCa_.issue(username, uscc, enterpriseName, clock_.now());
  service_.accounts().provisionCa(username, service_.hasher().hash(password), uscc, enterpriseName);
  forgetSessionsOf(Realm::kCa, username);
  logger_.log(sdk::LogLevel::kInfo, "dev CA issued a certificate for " + username + " (" + uscc + ")");
  return json(201, boost::json::object{{"certificate", issued.certificatePem}, {"privateKey", issued.privateKeyPem}});
}

sdk::HttpResponse DevHandlers::caAccount(sdk::HttpRequest& request) {
  auto body = readJsonObject(request);
  if (auto* error = std::get_if<sdk::HttpResponse>(&body)) return std::move(*error);
  JsonFields fields(std::get<boost::json::object>(body), {"username", "password"});
  std::string username = fields.text("username");
  std::string password = fields.text("password");
  if (!fields.failed("username")) fields.add(checkCertificateUsername("username", username));
  if (!fields.failed("password")) fields.add(checkPassword("password", password));
  if (!fields.problems().empty()) return fields.response();
  bool created = service_.accounts().provisionCa(username, service_.hasher().hash(password), "", "");
  forgetSessionsOf(Realm::kCa, username);
  return json(created ? 201 : 200, boost::json::object{{"username", username}});
}

sdk::HttpResponse DevHandlers::authorityAccount(sdk::HttpRequest& request) {
  auto body = readJsonObject(request);
  if (auto* error = std::get_if<sdk::HttpResponse>(&body)) return std::move(*error);
  JsonFields fields(std::get<boost::json::object>(body), {"account", "password", "roles", "provinceCode"});
  std::string account = fields.text("account");
  std::string password = fields.text("password");
  std::vector<std::string> words = fields.textList("roles");
  std::string provinceCode = fields.optionalText("provinceCode").value_or("");
  if (!fields.failed("account")) fields.add(checkAccountName("account", account));
  if (!fields.failed("password")) fields.add(checkPassword("password", password));
  std::vector<sdk::Role> roles;
  if (!fields.failed("roles")) {
    for (const auto& word : words) {
      auto role = authorityRole(word);
      if (!role || std::find(roles.begin(), roles.end(), *role) != roles.end()) {
        fields.add(FieldProblem{"roles", code::kNotAllowed, "角色应为不重复的 reviewer、rechecker 或 supervisor"});
        roles.clear();
        break;
      }
      roles.push_back(*role);
    }
    if (words.empty()) fields.add(FieldProblem{"roles", code::kRequired, "至少需要一个角色"});
  }
  bool supervisor = std::find(roles.begin(), roles.end(), sdk::Role::kSupervisor) != roles.end();
  if (supervisor && roles.size() > 1) {
    fields.add(FieldProblem{"roles", code::kNotAllowed, "商务部监管账号（supervisor）不能兼任其他角色"});
  } else if (supervisor && !provinceCode.empty()) {
    fields.add(FieldProblem{"provinceCode", code::kNotAllowed, "商务部监管账号（supervisor）不属于任何省份"});
  } else if (!roles.empty() && !supervisor && !fields.failed("provinceCode")) {
    if (provinceCode.empty()) {
      fields.add(FieldProblem{"provinceCode", code::kRequired, "审核和复核账号需要省级行政区划代码"});
    } else {
      fields.add(checkProvinceCode("provinceCode", provinceCode));
    }
  }
  if (!fields.problems().empty()) return fields.response();
  bool created = service_.accounts().provisionAuthority(account, service_.hasher().hash(password), roles, provinceCode);
  forgetSessionsOf(Realm::kPassword, account);
  boost::json::array roleWords;
  for (sdk::Role r : roles) roleWords.emplace_back(sdk::toString(r));
  return json(created ? 201 : 200,
              boost::json::object{{"account", account},
                                  {"roles", std::move(roleWords)},
                                  {"provinceCode", provinceCode.empty() ? boost::json::value(nullptr)
                                                                        : boost::json::value(provinceCode)}});
}

sdk::HttpResponse DevHandlers::moveClock(sdk::HttpRequest& request) {
  auto body = readJsonObject(request);
  if (auto* error = std::get_if<sdk::HttpResponse>(&body)) return std::move(*error);
  JsonFields fields(std::get<boost::json::object>(body), {"now"});
  std::string text = fields.text("now");
  std::optional<std::chrono::system_clock::time_point> instant;
  if (!fields.failed("now")) {
    instant = parseInstant(text);
    if (!instant) {
      fields.add(FieldProblem{"now", code::kInvalidFormat, "应为带时区的 ISO 8601 时间，如 2026-03-01T09:00:00+08:00"});
    }
  }
  if (!fields.problems().empty()) return fields.response();
  clock_.moveTo(*instant);
  logger_.log(sdk::LogLevel::kInfo, "dev: host clock moved to " + formatInstant(*instant));
  return json(200, boost::json::object{{"now", formatInstant(clock_.now())}});
}

void DevHandlers::forgetSessionsOf(Realm realm, const std::string& account) {
  // Other hosts hear it from the provisioning's transaction.
  if (auto found = service_.accounts().find(realm, account)) service_.sessions().forgetAccount(found->id);
}

}  // namespace ucf::host::auth
