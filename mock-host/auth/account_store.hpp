#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "mock-host/auth/host_database.hpp"
#include "ucf/sdk/clock.hpp"
#include "ucf/sdk/principal.hpp"

namespace ucf::host::auth {

/// Which login door an account uses: `/api/auth/login` (registered enterprise accounts and
/// authority accounts share one namespace) or e-key login (named by the certificate's CN).
enum class Realm {
  kPassword,  ///< `password`
  kCa,        ///< `ca`
};

/// The database word of a realm.
const char* toString(Realm realm);

/// What a registered enterprise account was created with (docs/PRODUCT.md §2, §7), already validated.
struct Registration {
  std::string account;
  std::string accountType;  ///< `enterprise` or `mech_elec`.
  std::string enterpriseName;
  std::string uscc;
  std::string contactName;
  std::string contactMobile;
  std::string contactEmail;
};

/// An account as stored.
struct Account {
  std::string id;  ///< The principal's `userId`.
  Realm realm = Realm::kPassword;
  std::string account;
  std::string passwordHash;
  std::string accountType;  ///< `enterprise`, `mech_elec`, `authority` or `ca`.
  std::string displayName;
  std::vector<sdk::Role> roles;
  std::string uscc;            ///< Registered enterprise accounts (CA accounts: as provisioned, if known).
  std::string enterpriseName;  ///< Likewise.
  std::string provinceCode;    ///< Reviewers and recheckers.
  bool trusted = false;        ///< Registered accounts a CA user of their USCC trusted (docs/PRODUCT.md §2.1).
};

/// A registered account bound to an enterprise, as the enterprise's CA users manage it (企业账号授权).
struct BoundAccount {
  std::string id;
  std::string account;
  std::string displayName;
  std::chrono::system_clock::time_point registeredAt;
  bool trusted = false;
};

/// The host's accounts, in the host database. Thread-safe.
class AccountStore {
 public:
  AccountStore(HostDatabase& database, const sdk::Clock& clock) : database_(database), clock_(clock) {}

  /// Creates a registered enterprise account; false when the account name is taken.
  bool createRegistered(const Registration& registration, const std::string& passwordHash);
  /// Creates or updates the CA account `username` (a certificate's CN); true when created.
  /// An update replaces the password and ends the account's sessions.
  bool provisionCa(const std::string& username, const std::string& passwordHash, const std::string& uscc,
                   const std::string& enterpriseName);
  /// Creates or updates an authority account; true when created. An update replaces the
  /// password, roles and province and ends the account's sessions.
  bool provisionAuthority(const std::string& account, const std::string& passwordHash,
                          const std::vector<sdk::Role>& roles, const std::string& provinceCode);
  /// The account `account` of `realm`, if any.
  std::optional<Account> find(Realm realm, const std::string& account);
  /// The registered accounts (enterprise and 机电) bound to `uscc`, by account name.
  std::vector<BoundAccount> registeredFor(const std::string& uscc);
  /// Trusts, or stops trusting, the registered account `account` bound to `uscc`, on behalf of the
  /// CA account `byId`. Its id; nullopt when no registered account of that name is bound to `uscc`.
  std::optional<std::string> setTrusted(const std::string& account, const std::string& uscc, bool trusted,
                                        const std::string& byId);

  /// Records the USCC (and enterprise name) a CA account's certificate named at login, so that
  /// what is addressed to the enterprise's verified principals reaches it (docs/PRODUCT.md §7.2).
  void recordCertificateEnterprise(const std::string& id, const std::string& uscc, const std::string& enterpriseName);

  /// The principal of a password-realm account (registered enterprise or authority); `verified`
  /// when it is trusted.
  static sdk::Principal principalOf(const Account& account);

 private:
  bool upsert(const Account& account, const std::string& contactName, const std::string& contactMobile,
              const std::string& contactEmail, bool replace);

  HostDatabase& database_;
  const sdk::Clock& clock_;
};

}  // namespace ucf::host::auth
