#include "mock-host/auth/auth_service.hpp"

#include "mock-host/auth/account_rules.hpp"
#include "reference/field_codes.hpp"

namespace ucf::host::auth {
namespace {

namespace code = reference::field_code;

bool hasProblem(const std::vector<FieldProblem>& problems, std::string_view field) {
  for (const auto& p : problems) {
    if (p.field == field) return true;
  }
  return false;
}

void addUnlessFailed(std::vector<FieldProblem>& problems, std::optional<FieldProblem> problem) {
  if (problem && !hasProblem(problems, problem->field)) problems.push_back(std::move(*problem));
}

AuthService::LoginResult failure(AuthService::LoginError error) {
  AuthService::LoginResult r;
  r.error = error;
  return r;
}

std::string loginKey(Realm realm, const std::string& account) { return std::string(toString(realm)) + ":" + account; }

AuthService::LoginResult lockedOut(AuthService::LoginError error, std::chrono::system_clock::time_point until) {
  AuthService::LoginResult r = failure(error);
  r.lockedUntil = until;
  return r;
}

}  // namespace

AuthService::AuthService(HostDatabase& database, const sdk::Clock& clock, sdk::Logger& logger,
                         const PasswordHasher& hasher, const CaVerifier& verifier, PendingBounds bounds,
                         std::chrono::milliseconds sessionCacheTime)
    : clock_(clock),
      logger_(logger),
      hasher_(hasher),
      verifier_(verifier),
      accounts_(database, clock),
      sessions_(database, clock, sessionCacheTime),
      captchas_(database, clock, bounds.captchas),
      throttle_(database, clock),
      challenges_(database, clock, bounds.challenges) {}

std::optional<FieldProblem> AuthService::checkCaptcha(const std::string& captchaId, const std::string& captcha) {
  if (captchaId.empty()) return std::nullopt;  // already reported as required
  switch (captchas_.consume(captchaId, captcha)) {
    case CaptchaStore::Check::kPassed: return std::nullopt;
    case CaptchaStore::Check::kWrong: return FieldProblem{"captcha", code::kMismatch, "验证码不正确"};
    case CaptchaStore::Check::kUnknown: return FieldProblem{"captcha", "expired", "验证码已失效，请刷新后重新输入"};
  }
  return FieldProblem{"captcha", code::kMismatch, "验证码不正确"};
}

AuthService::RegisterResult AuthService::registerAccount(const RegisterInput& input,
                                                         std::vector<FieldProblem> problems) {
  const Registration& r = input.registration;
  // The captcha is used up by every attempt, whatever else is wrong.
  if (!hasProblem(problems, "captcha")) addUnlessFailed(problems, checkCaptcha(input.captchaId, input.captcha));
  auto check = [&](std::string_view field, const std::string& value,
                   std::optional<FieldProblem> (*rule)(std::string_view, std::string_view)) {
    if (!hasProblem(problems, field)) addUnlessFailed(problems, rule(field, value));
  };
  auto checkForm = [&](std::string_view field, std::string_view formField, const std::string& value) {
    if (!hasProblem(problems, field)) addUnlessFailed(problems, checkAsFormField(field, formField, value));
  };
  check("account", r.account, checkAccountName);
  check("password", input.password, checkPassword);
  if (!hasProblem(problems, "accountType") && r.accountType != "enterprise" && r.accountType != "mech_elec") {
    problems.push_back({"accountType", code::kNotAllowed, "账号类型应为 enterprise（企业）或 mech_elec（机电）"});
  }
  checkForm("enterpriseName", "enterpriseName", r.enterpriseName);
  checkForm("uscc", "uscc", r.uscc);
  checkForm("contactName", "contact.name", r.contactName);
  checkForm("contactMobile", "contact.mobile", r.contactMobile);
  checkForm("contactEmail", "contact.email", r.contactEmail);
  if (!problems.empty()) return {RegisterOutcome::kInvalid, std::move(problems)};
  if (!accounts_.createRegistered(r, hasher_.hash(input.password))) return {RegisterOutcome::kTaken, {}};
  logger_.log(sdk::LogLevel::kInfo, "registered account " + r.account + " (" + r.accountType + ")");
  return {RegisterOutcome::kCreated, {}};
}

AuthService::LoginResult AuthService::startSession(const std::string& accountId, sdk::Principal principal,
                                                   const std::optional<std::string>& previousSession) {
  if (previousSession) sessions_.destroy(*previousSession);
  LoginResult r;
  r.session = sessions_.create(accountId, principal);
  r.principal = std::move(principal);
  return r;
}

AuthService::LoginResult AuthService::passwordLogin(const std::string& account, const std::string& password,
                                                    const std::string& captchaId, const std::string& captcha,
                                                    const std::optional<std::string>& previousSession,
                                                    const std::string& clientAddress) {
  if (auto until = throttle_.addressBlockedUntil(clientAddress))
    return lockedOut(LoginError::kAddressThrottled, *until);
  if (auto problem = checkCaptcha(captchaId, captcha)) {
    LoginResult r = failure(LoginError::kInvalid);
    r.problems.push_back(std::move(*problem));
    return r;
  }
  const std::string key = loginKey(Realm::kPassword, account);
  if (auto until = throttle_.lockedUntil(key)) return lockedOut(LoginError::kLocked, *until);
  auto found = accounts_.find(Realm::kPassword, account);
  bool ok = false;
  if (found) {
    ok = hasher_.verify(password, found->passwordHash);
  } else {
    hasher_.verifyDummy(password);  // as slow as a real check: timing does not tell
  }
  if (!ok) {
    throttle_.recordAddressFailure(clientAddress);
    if (throttle_.recordFailure(key)) logger_.log(sdk::LogLevel::kWarning, "login " + key + " locked");
    return failure(LoginError::kBadCredentials);
  }
  throttle_.clear(key);
  return startSession(found->id, AccountStore::principalOf(*found), previousSession);
}

AuthService::ChallengeResult AuthService::challenge(const std::string& certificatePem) {
  ChallengeResult r;
  r.check = verifier_.check(certificatePem, clock_.now());
  if (r.check.identity) r.challenge = challenges_.issue(certificatePem);
  return r;
}

AuthService::LoginResult AuthService::caLogin(const std::string& challengeId, const std::string& signature,
                                              const std::string& password,
                                              const std::optional<std::string>& previousSession,
                                              const std::string& clientAddress) {
  if (auto until = throttle_.addressBlockedUntil(clientAddress))
    return lockedOut(LoginError::kAddressThrottled, *until);
  auto challenge = challenges_.consume(challengeId);
  if (!challenge) return failure(LoginError::kChallengeUnknown);
  // The certificate may have expired since the challenge: check it again at the host's time.
  CertificateCheck check = verifier_.check(challenge->certificatePem, clock_.now());
  if (!check.identity) {
    LoginResult r = failure(LoginError::kCertificate);
    r.problems.push_back({"certificate", toString(check.problem), messageOf(check.problem)});
    return r;
  }
  const CertificateIdentity& identity = *check.identity;
  const std::string key = loginKey(Realm::kCa, identity.username);
  if (auto until = throttle_.lockedUntil(key)) return lockedOut(LoginError::kLocked, *until);
  bool signatureOk = CaVerifier::verifySignature(identity.leafPem, challenge->nonce, signature);
  auto found = accounts_.find(Realm::kCa, identity.username);
  bool passwordOk = false;
  if (found) {
    passwordOk = hasher_.verify(password, found->passwordHash);
  } else {
    hasher_.verifyDummy(password);
  }
  if (!signatureOk || !passwordOk) {
    throttle_.recordAddressFailure(clientAddress);
    // Only whoever holds the key can make the signature: without it, the account is not at stake.
    if (signatureOk && throttle_.recordFailure(key)) logger_.log(sdk::LogLevel::kWarning, "login " + key + " locked");
    return failure(LoginError::kBadCredentials);
  }
  throttle_.clear(key);
  if (found->uscc != identity.uscc)
    accounts_.recordCertificateEnterprise(found->id, identity.uscc, identity.enterpriseName);
  sdk::Principal principal;
  principal.userId = found->id;
  principal.account = identity.username;
  principal.displayName = identity.username;
  principal.kind = sdk::PrincipalKind::kCa;
  principal.roles = {sdk::Role::kEnterprise};
  principal.uscc = identity.uscc;  // always the certificate's
  principal.verified = true;       // the certificate proves it acts for that USCC
  principal.enterpriseName = identity.enterpriseName.empty() ? found->enterpriseName : identity.enterpriseName;
  return startSession(found->id, std::move(principal), previousSession);
}

}  // namespace ucf::host::auth
