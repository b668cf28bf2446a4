#include "mock-host/auth/auth_handlers.hpp"

#include <boost/json/value.hpp>

#include "mock-host/auth/base64.hpp"
#include "mock-host/auth/iso_instant.hpp"
#include "mock-host/auth/json_body.hpp"
#include "mock-host/auth/principal_json.hpp"
#include "mock-host/auth/session_cookie.hpp"
#include "mock-host/client_address.hpp"
#include "mock-host/json_response.hpp"
#include "reference/field_codes.hpp"

namespace ucf::host::auth {
namespace {

namespace code = reference::field_code;

using LoginError = AuthService::LoginError;

sdk::HttpResponse loggedIn(const AuthService::LoginResult& result, bool secureCookie) {
  sdk::HttpResponse r = json(200, boost::json::object{{"principal", principalToJson(result.principal)},
                                                      {"csrfToken", result.session.csrfToken}});
  r.with("Set-Cookie", sessionCookie(result.session.id, secureCookie));
  return r;
}

sdk::HttpResponse loginFailed(const AuthService::LoginResult& result, const sdk::Clock& clock, const char* badDetail) {
  switch (result.error) {
    case LoginError::kNone: break;  // callers answer a success themselves
    case LoginError::kInvalid:
    case LoginError::kCertificate:
      return problem(422, "Unprocessable Content", "部分字段缺失或不正确", result.problems);
    case LoginError::kBadCredentials: return problem(401, "Unauthorized", badDetail);
    case LoginError::kChallengeUnknown:
      return problem(401, "Unauthorized", "登录挑战不存在、已使用或已过期，请重新读取证书");
    case LoginError::kLocked:
    case LoginError::kAddressThrottled: {
      auto seconds = std::chrono::duration_cast<std::chrono::seconds>(result.lockedUntil - clock.now()).count();
      sdk::HttpResponse r =
          problem(429, "Too Many Requests",
                  result.error == LoginError::kLocked ? "登录失败次数过多，账号已锁定15分钟，请稍后再试"
                                                      : "此地址登录失败次数过多，请稍后再试");
      r.with("Retry-After", std::to_string(seconds > 0 ? seconds : 1));
      return r;
    }
  }
  return problem(401, "Unauthorized", badDetail);
}

}  // namespace

AuthHandlers::AuthHandlers(AuthService& service, bool dev, bool secureCookie, sdk::Logger& logger)
    : service_(service), dev_(dev), secureCookie_(secureCookie), logger_(logger) {}

void AuthHandlers::registerIn(RouteTable& routes) {
  auto add = [&](const char* method, const char* pattern, sdk::RouteAccess access, bool csrfExempt,
                 sdk::HttpResponse (AuthHandlers::*member)(sdk::HttpRequest&)) {
    handlers_.push_back(std::make_unique<FunctionHandler>(
        std::string(method) + " " + pattern, [this, member](sdk::HttpRequest& r) { return (this->*member)(r); },
        logger_));
    routes.add({method, pattern, access}, *handlers_.back(), "host", csrfExempt);
  };
  using sdk::RouteAccess;
  add("GET", "/api/auth/captcha", RouteAccess::kPublic, true, &AuthHandlers::captcha);
  add("POST", "/api/auth/register", RouteAccess::kPublic, true, &AuthHandlers::registerAccount);
  add("POST", "/api/auth/login", RouteAccess::kPublic, true, &AuthHandlers::login);
  add("POST", "/api/auth/ca/challenge", RouteAccess::kPublic, true, &AuthHandlers::caChallenge);
  add("POST", "/api/auth/ca/login", RouteAccess::kPublic, true, &AuthHandlers::caLogin);
  add("POST", "/api/auth/logout", RouteAccess::kPublic, false, &AuthHandlers::logout);
  add("GET", "/api/session", RouteAccess::kAuthenticated, false, &AuthHandlers::session);
}

sdk::HttpResponse AuthHandlers::captcha(sdk::HttpRequest& /*request*/) {
  CaptchaStore::Issued issued = service_.captchas().issue();
  boost::json::object body{{"captchaId", issued.id},
                           {"image", "data:image/svg+xml;base64," + base64Encode(issued.svg)}};
  if (dev_) body["answer"] = issued.answer;
  return json(200, body);
}

sdk::HttpResponse AuthHandlers::registerAccount(sdk::HttpRequest& request) {
  auto body = readJsonObject(request);
  if (auto* error = std::get_if<sdk::HttpResponse>(&body)) return std::move(*error);
  JsonFields fields(std::get<boost::json::object>(body),
                    {"account", "password", "accountType", "enterpriseName", "uscc", "contactName", "contactMobile",
                     "contactEmail", "captchaId", "captcha"});
  AuthService::RegisterInput input;
  Registration& r = input.registration;
  r.account = fields.text("account");
  input.password = fields.text("password");
  r.accountType = fields.text("accountType");
  r.enterpriseName = fields.text("enterpriseName");
  r.uscc = fields.text("uscc");
  r.contactName = fields.text("contactName");
  r.contactMobile = fields.text("contactMobile");
  r.contactEmail = fields.text("contactEmail");
  input.captchaId = fields.text("captchaId");
  input.captcha = fields.text("captcha");
  if (fields.failed("captchaId") && !fields.failed("captcha")) {
    fields.add(FieldProblem{"captcha", "expired", "验证码已失效，请刷新后重新输入"});
  }
  auto result = service_.registerAccount(input, fields.problems());
  switch (result.outcome) {
    case AuthService::RegisterOutcome::kCreated: return json(201, boost::json::object{{"account", r.account}});
    case AuthService::RegisterOutcome::kInvalid:
      return problem(422, "Unprocessable Content", "部分字段缺失或不正确", result.problems);
    case AuthService::RegisterOutcome::kTaken: return problem(409, "Conflict", "该账号已被注册", "account", "taken");
  }
  return problem(500, "Internal Server Error", "The request could not be completed.");
}

sdk::HttpResponse AuthHandlers::login(sdk::HttpRequest& request) {
  auto body = readJsonObject(request);
  if (auto* error = std::get_if<sdk::HttpResponse>(&body)) return std::move(*error);
  JsonFields fields(std::get<boost::json::object>(body), {"account", "password", "captchaId", "captcha"});
  std::string account = fields.text("account");
  std::string password = fields.text("password");
  std::string captchaId = fields.text("captchaId");
  std::string captcha = fields.text("captcha");
  if (!fields.problems().empty()) {
    // Any attempt uses the captcha up.
    if (!fields.failed("captcha")) fields.add(service_.checkCaptcha(captchaId, captcha));
    return fields.response();
  }
  auto result = service_.passwordLogin(account, password, captchaId, captcha, sessionCookieOf(request, secureCookie_),
                                       clientAddressOf(request));
  if (result.error == LoginError::kNone) return loggedIn(result, secureCookie_);
  return loginFailed(result, service_.clock(), "账号或密码不正确");
}

sdk::HttpResponse AuthHandlers::caChallenge(sdk::HttpRequest& request) {
  auto body = readJsonObject(request);
  if (auto* error = std::get_if<sdk::HttpResponse>(&body)) return std::move(*error);
  JsonFields fields(std::get<boost::json::object>(body), {"certificate"});
  std::string certificate = fields.text("certificate");
  if (!fields.problems().empty()) return fields.response();
  auto result = service_.challenge(certificate);
  if (!result.challenge) {
    return problem(
        422, "Unprocessable Content", messageOf(result.check.problem),
        std::vector<FieldProblem>{{"certificate", toString(result.check.problem), messageOf(result.check.problem)}});
  }
  const CertificateIdentity& identity = *result.check.identity;
  return json(200, boost::json::object{{"challengeId", result.challenge->id},
                                       {"nonce", base64Encode(result.challenge->nonce)},
                                       {"username", identity.username},
                                       {"uscc", identity.uscc},
                                       {"notAfter", formatInstant(identity.notAfter)}});
}

sdk::HttpResponse AuthHandlers::caLogin(sdk::HttpRequest& request) {
  auto body = readJsonObject(request);
  if (auto* error = std::get_if<sdk::HttpResponse>(&body)) return std::move(*error);
  JsonFields fields(std::get<boost::json::object>(body), {"challengeId", "signature", "password"});
  std::string challengeId = fields.text("challengeId");
  std::string signatureText = fields.text("signature");
  std::string password = fields.text("password");
  std::optional<std::string> signature;
  if (!fields.failed("signature")) {
    signature = base64Decode(signatureText);
    if (!signature || signature->empty()) fields.add(FieldProblem{"signature", code::kInvalidFormat, "签名应为base64"});
  }
  if (!fields.problems().empty()) return fields.response();
  auto result = service_.caLogin(challengeId, *signature, password, sessionCookieOf(request, secureCookie_),
                                 clientAddressOf(request));
  if (result.error == LoginError::kNone) return loggedIn(result, secureCookie_);
  return loginFailed(result, service_.clock(), "证书签名或密码不正确");
}

sdk::HttpResponse AuthHandlers::logout(sdk::HttpRequest& request) {
  if (auto id = sessionCookieOf(request, secureCookie_)) service_.logout(*id);
  sdk::HttpResponse r;
  r.status = 204;
  r.with("Set-Cookie", clearedSessionCookie(secureCookie_));
  return r;
}

sdk::HttpResponse AuthHandlers::session(sdk::HttpRequest& request) {
  auto id = sessionCookieOf(request, secureCookie_);
  auto live = id ? service_.sessions().resolve(*id) : std::nullopt;
  if (!live) return problem(401, "Unauthorized", "Log in first.");
  return json(200,
              boost::json::object{{"principal", principalToJson(live->principal)}, {"csrfToken", live->csrfToken}});
}

}  // namespace ucf::host::auth
