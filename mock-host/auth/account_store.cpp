#include "mock-host/auth/account_store.hpp"

#include "mock-host/auth/session_change.hpp"

#include <Poco/Nullable.h>

#include "mock-host/auth/secure_random.hpp"

namespace ucf::host::auth {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

Poco::Nullable<std::string> orNull(const std::string& value) {
  return value.empty() ? Poco::Nullable<std::string>() : Poco::Nullable<std::string>(value);
}

std::string rolesText(const std::vector<sdk::Role>& roles) {
  std::string out;
  for (sdk::Role r : roles) {
    if (!out.empty()) out += ',';
    out += sdk::toString(r);
  }
  return out;
}

std::vector<sdk::Role> rolesOf(const std::string& text) {
  std::vector<sdk::Role> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    std::string word = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    for (sdk::Role r : {sdk::Role::kEnterprise, sdk::Role::kReviewer, sdk::Role::kRechecker, sdk::Role::kSupervisor}) {
      if (word == sdk::toString(r)) out.push_back(r);
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

const char* toString(Realm realm) {
  switch (realm) {
    case Realm::kPassword: return "password";
    case Realm::kCa: return "ca";
  }
  return "password";
}

bool AccountStore::upsert(const Account& a, const std::string& contactName, const std::string& contactMobile,
                          const std::string& contactEmail, bool replace) {
  Poco::Int64 at = HostDatabase::toMillis(clock_.now());
  std::string realm = toString(a.realm);
  std::string roles = rolesText(a.roles);
  auto uscc = orNull(a.uscc), name = orNull(a.enterpriseName), province = orNull(a.provinceCode);
  auto cName = orNull(contactName), cMobile = orNull(contactMobile), cEmail = orNull(contactEmail);
  return database_.transact([&](Poco::Data::Session& session) {
    Poco::Data::Statement insert =
        (session << "INSERT INTO host_accounts (id, realm, account, password_hash, account_type, display_name, roles, "
                    "uscc, enterprise_name, province_code, contact_name, contact_mobile, contact_email, "
                    "created_at_ms, updated_at_ms) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
                    "ON CONFLICT (realm, account) DO NOTHING",
         useRef(a.id), useRef(realm), useRef(a.account), useRef(a.passwordHash), useRef(a.accountType),
         useRef(a.displayName), useRef(roles), useRef(uscc), useRef(name), useRef(province), useRef(cName),
         useRef(cMobile), useRef(cEmail), useRef(at), useRef(at));
    if (insert.execute() == 1) return true;
    if (!replace) return false;
    session << "UPDATE host_accounts SET password_hash = $1, account_type = $2, display_name = $3, roles = $4, "
               "uscc = $5, enterprise_name = $6, province_code = $7, updated_at_ms = $8 "
               "WHERE realm = $9 AND account = $10",
        useRef(a.passwordHash), useRef(a.accountType), useRef(a.displayName), useRef(roles), useRef(uscc), useRef(name),
        useRef(province), useRef(at), useRef(realm), useRef(a.account), now;
    // What the account may do has changed: its sessions end, on every host.
    std::vector<std::string> ids;
    session << "SELECT id FROM host_accounts WHERE realm = $1 AND account = $2", useRef(realm), useRef(a.account),
        into(ids), now;
    for (std::string& id : ids) {
      session << "DELETE FROM host_sessions WHERE account_id = $1", useRef(id), now;
      announceSessionChange(session, database_.dialect(), {SessionChange::Kind::kAccount, id});
    }
    return false;
  });
}

bool AccountStore::createRegistered(const Registration& r, const std::string& passwordHash) {
  Account a;
  a.id = "u-" + randomToken(12);
  a.realm = Realm::kPassword;
  a.account = r.account;
  a.passwordHash = passwordHash;
  a.accountType = r.accountType;
  a.displayName = r.contactName;
  a.roles = {sdk::Role::kEnterprise};
  a.uscc = r.uscc;
  a.enterpriseName = r.enterpriseName;
  return upsert(a, r.contactName, r.contactMobile, r.contactEmail, false);
}

bool AccountStore::provisionCa(const std::string& username, const std::string& passwordHash, const std::string& uscc,
                               const std::string& enterpriseName) {
  Account a;
  a.id = "u-" + randomToken(12);
  a.realm = Realm::kCa;
  a.account = username;
  a.passwordHash = passwordHash;
  a.accountType = "ca";
  a.displayName = username;
  a.roles = {sdk::Role::kEnterprise};
  a.uscc = uscc;
  a.enterpriseName = enterpriseName;
  return upsert(a, "", "", "", true);
}

bool AccountStore::provisionAuthority(const std::string& account, const std::string& passwordHash,
                                      const std::vector<sdk::Role>& roles, const std::string& provinceCode) {
  Account a;
  a.id = "u-" + randomToken(12);
  a.realm = Realm::kPassword;
  a.account = account;
  a.passwordHash = passwordHash;
  a.accountType = "authority";
  a.displayName = account;
  a.roles = roles;
  a.provinceCode = provinceCode;
  return upsert(a, "", "", "", true);
}

std::optional<Account> AccountStore::find(Realm realm, const std::string& account) {
  std::string realmWord = toString(realm);
  return database_.read([&](Poco::Data::Session& session) -> std::optional<Account> {
    std::vector<std::string> ids, hashes, types, names, roles, usccs, enterprises, provinces;
    std::vector<Poco::Int64> trusted;
    session << "SELECT id, password_hash, account_type, display_name, roles, uscc, enterprise_name, province_code, "
               "CASE WHEN trusted_at_ms IS NULL THEN 0 ELSE 1 END "
               "FROM host_accounts WHERE realm = $1 AND account = $2",
        useRef(realmWord), useRef(account), into(ids), into(hashes), into(types), into(names), into(roles), into(usccs),
        into(enterprises), into(provinces), into(trusted), now;
    if (ids.empty()) return std::nullopt;
    Account a;
    a.id = ids.front();
    a.realm = realm;
    a.account = account;
    a.passwordHash = hashes.front();
    a.accountType = types.front();
    a.displayName = names.front();
    a.roles = rolesOf(roles.front());
    a.uscc = usccs.front();
    a.enterpriseName = enterprises.front();
    a.provinceCode = provinces.front();
    a.trusted = trusted.front() != 0;
    return a;
  });
}

std::vector<BoundAccount> AccountStore::registeredFor(const std::string& uscc) {
  return database_.read([&](Poco::Data::Session& session) {
    std::vector<std::string> ids, accounts, names;
    std::vector<Poco::Int64> createdAt, trusted;
    session << "SELECT id, account, display_name, created_at_ms, CASE WHEN trusted_at_ms IS NULL THEN 0 ELSE 1 END "
               "FROM host_accounts WHERE uscc = $1 AND realm = 'password' "
               "AND account_type IN ('enterprise', 'mech_elec') ORDER BY account",
        useRef(uscc), into(ids), into(accounts), into(names), into(createdAt), into(trusted), now;
    std::vector<BoundAccount> out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      out.push_back({ids[i], accounts[i], names[i],
                     std::chrono::system_clock::time_point(std::chrono::milliseconds(createdAt[i])), trusted[i] != 0});
    }
    return out;
  });
}

std::optional<std::string> AccountStore::setTrusted(const std::string& account, const std::string& uscc, bool trusted,
                                                    const std::string& byId) {
  Poco::Int64 at = HostDatabase::toMillis(clock_.now());
  return database_.transact([&](Poco::Data::Session& session) -> std::optional<std::string> {
    std::vector<std::string> ids;
    session << "SELECT id FROM host_accounts WHERE realm = 'password' AND account = $1 AND uscc = $2 "
               "AND account_type IN ('enterprise', 'mech_elec')",
        useRef(account), useRef(uscc), into(ids), now;
    if (ids.empty()) return std::nullopt;
    if (trusted) {
      // Trusting again keeps who trusted it first and when.
      session << "UPDATE host_accounts SET trusted_at_ms = COALESCE(trusted_at_ms, $1), "
                 "trusted_by = COALESCE(trusted_by, $2), updated_at_ms = $3 WHERE id = $4",
          useRef(at), useRef(byId), useRef(at), useRef(ids.front()), now;
    } else {
      session << "UPDATE host_accounts SET trusted_at_ms = NULL, trusted_by = NULL, updated_at_ms = $1 WHERE id = $2",
          useRef(at), useRef(ids.front()), now;
    }
    // What its sessions resolve to (`verified`) changed: every host reads them again.
    announceSessionChange(session, database_.dialect(), {SessionChange::Kind::kAccount, ids.front()});
    return ids.front();
  });
}

void AccountStore::recordCertificateEnterprise(const std::string& id, const std::string& uscc,
                                               const std::string& enterpriseName) {
  auto name = orNull(enterpriseName);
  database_.write([&](Poco::Data::Session& session) {
    session << "UPDATE host_accounts SET uscc = $1, enterprise_name = COALESCE($2, enterprise_name) "
               "WHERE id = $3 AND realm = 'ca'",
        useRef(uscc), useRef(name), useRef(id), now;
    return 0;
  });
}

sdk::Principal AccountStore::principalOf(const Account& account) {
  sdk::Principal p;
  p.userId = account.id;
  p.account = account.account;
  p.displayName = account.displayName.empty() ? account.account : account.displayName;
  p.kind = account.realm == Realm::kCa ? sdk::PrincipalKind::kCa : sdk::PrincipalKind::kRegistered;
  p.roles = account.roles;
  if (p.has(sdk::Role::kEnterprise)) {
    p.uscc = account.uscc;
    p.enterpriseName = account.enterpriseName;
    p.verified = p.kind == sdk::PrincipalKind::kCa || account.trusted;
  }
  if (p.has(sdk::Role::kReviewer) || p.has(sdk::Role::kRechecker)) p.provinceCode = account.provinceCode;
  return p;
}

}  // namespace ucf::host::auth
