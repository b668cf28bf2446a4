#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "mock-host/auth/account_store.hpp"
#include "mock-host/auth/ca_challenge_store.hpp"
#include "mock-host/auth/ca_verifier.hpp"
#include "mock-host/auth/captcha_store.hpp"
#include "mock-host/auth/host_database.hpp"
#include "mock-host/auth/login_throttle.hpp"
#include "mock-host/auth/password_hasher.hpp"
#include "mock-host/auth/pending_rows.hpp"
#include "mock-host/auth/session_store.hpp"
#include "mock-host/json_response.hpp"
#include "ucf/sdk/clock.hpp"
#include "ucf/sdk/logger.hpp"

namespace ucf::host::auth {

/// Everything login does (docs/PRODUCT.md §2, §7), behind the host's auth endpoints: registration,
/// password login with captcha and lockout, e-key challenge and login, logout. Expected
/// outcomes are values; infrastructure failures (database, OpenSSL) throw. Thread-safe.
class AuthService {
 public:
  /// A registration as the form sent it (members already read as strings).
  struct RegisterInput {
    Registration registration;
    std::string password;
    std::string captchaId;
    std::string captcha;
  };

  /// How a registration ended.
  enum class RegisterOutcome {
    kCreated,  ///< The account exists now.
    kInvalid,  ///< `problems` names each bad member (the captcha too).
    kTaken,    ///< The account name is taken (409).
  };

  /// The outcome of a registration and the problems of an invalid one.
  struct RegisterResult {
    RegisterOutcome outcome = RegisterOutcome::kInvalid;
    std::vector<FieldProblem> problems;
  };

  /// Why a login failed.
  enum class LoginError {
    kNone,              ///< It did not: `principal` and `session` are set.
    kInvalid,           ///< `problems` names each bad member (422), e.g. a wrong or used captcha.
    kBadCredentials,    ///< Unknown account, wrong password or wrong signature (401).
    kLocked,            ///< Too many failures: locked until `lockedUntil` (429).
    kAddressThrottled,  ///< Too many failures from the client's address: until `lockedUntil` (429).
    kChallengeUnknown,  ///< The e-key challenge is unknown, used or expired (401).
    kCertificate,       ///< The certificate is no longer acceptable (422 `certificate`).
  };

  /// The outcome of a login.
  struct LoginResult {
    LoginError error = LoginError::kNone;
    sdk::Principal principal;
    SessionStore::Created session;
    std::vector<FieldProblem> problems;
    std::chrono::system_clock::time_point lockedUntil;
  };

  /// A challenge issued for a certificate, or the certificate's problem.
  struct ChallengeResult {
    std::optional<CaChallengeStore::Challenge> challenge;
    CertificateCheck check;
  };

  /// `bounds`: how many unanswered captchas and challenges are kept. `sessionCacheTime`: how
  /// long a session lookup is reused while other hosts' changes are heard (SessionStore).
  AuthService(HostDatabase& database, const sdk::Clock& clock, sdk::Logger& logger, const PasswordHasher& hasher,
              const CaVerifier& verifier, PendingBounds bounds,
              std::chrono::milliseconds sessionCacheTime = SessionStore::kHeardCacheTime);

  /// Checks the captcha (using it up) and every member, then creates the account.
  /// `problems` are those found while reading the body; they are reported with the rest.
  RegisterResult registerAccount(const RegisterInput& input, std::vector<FieldProblem> problems);

  /// Password login (registered and authority accounts). The captcha is used up by any attempt.
  /// `previousSession`, the session the client held, ends on success (a new id every login).
  /// `clientAddress` (the peer's IP) is throttled as a whole; failures count against it too.
  LoginResult passwordLogin(const std::string& account, const std::string& password, const std::string& captchaId,
                            const std::string& captcha, const std::optional<std::string>& previousSession,
                            const std::string& clientAddress);

  /// Checks `certificatePem` at the host's time and issues a challenge for it.
  ChallengeResult challenge(const std::string& certificatePem);

  /// E-key login: uses the challenge up, re-checks its certificate, verifies `signature` over
  /// its nonce and the CA account's password. A signature that does not verify counts against
  /// `clientAddress` only: a public certificate must not be enough to lock its owner out.
  LoginResult caLogin(const std::string& challengeId, const std::string& signature, const std::string& password,
                      const std::optional<std::string>& previousSession, const std::string& clientAddress);

  /// Checks a captcha answer and uses the captcha up: the `captcha` member's problem, if any
  /// (none when `captchaId` is empty: the caller reports that member as missing).
  std::optional<FieldProblem> checkCaptcha(const std::string& captchaId, const std::string& captcha);

  /// Ends `sessionId`.
  void logout(const std::string& sessionId) { sessions_.destroy(sessionId); }

  /// The session store (the host's SessionResolver).
  SessionStore& sessions() { return sessions_; }
  /// The account store (dev provisioning).
  AccountStore& accounts() { return accounts_; }
  /// The captcha store.
  CaptchaStore& captchas() { return captchas_; }
  /// The password hasher.
  const PasswordHasher& hasher() const { return hasher_; }
  /// The host clock.
  const sdk::Clock& clock() const { return clock_; }

 private:
  LoginResult startSession(const std::string& accountId, sdk::Principal principal,
                           const std::optional<std::string>& previousSession);

  const sdk::Clock& clock_;
  sdk::Logger& logger_;
  const PasswordHasher& hasher_;
  const CaVerifier& verifier_;
  AccountStore accounts_;
  SessionStore sessions_;
  CaptchaStore captchas_;
  LoginThrottle throttle_;
  CaChallengeStore challenges_;
};

}  // namespace ucf::host::auth
