#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace ucf::sdk {

/// How the user proved who they are.
enum class PrincipalKind {
  kCa,          ///< Certificate (e-key) login: `ca`.
  kRegistered,  ///< Account + password + captcha: `registered`.
};

/// What a user may do. An authority account may hold reviewer and rechecker at once.
enum class Role {
  kEnterprise,  ///< `enterprise`: files for its USCC.
  kReviewer,    ///< `reviewer`: first review in its province.
  kRechecker,   ///< `rechecker`: re-review in its province.
  kSupervisor,  ///< `supervisor`: ministry; reads all, voids.
};

/// The logged-in user of one request, resolved by the host from its session.
/// A plain value: copy it freely; it never refers back to host memory.
struct Principal {
  std::string userId;       ///< Stable id of the account in the host.
  std::string account;      ///< Login name (CA users: the certificate subject's CN).
  std::string displayName;  ///< Name to show in pages and history.
  PrincipalKind kind = PrincipalKind::kRegistered;
  std::vector<Role> roles;     ///< Never empty for a logged-in user.
  std::string uscc;            ///< Enterprise users: the USCC the account is bound to; else empty.
  std::string enterpriseName;  ///< Enterprise users: the registered name; else empty.
  /// Enterprise users: true when the principal acts for `uscc` (docs/PRODUCT.md §2.1): a CA principal (its
  /// certificate names the USCC), or a registered account that a CA principal of that USCC
  /// trusted. A registered account that merely typed the USCC is false. Others: false.
  bool verified = false;
  std::string provinceCode;  ///< Reviewers and recheckers: their province (GB/T 2260); else empty.

  /// True when the principal holds `role`.
  [[nodiscard]] bool has(Role role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }
};

/// JSON word of a kind, as docs/PRODUCT.md §2 has it (`ca`, `registered`).
[[nodiscard]] inline const char* toString(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kCa: return "ca";
    case PrincipalKind::kRegistered: return "registered";
  }
  return "registered";
}

/// JSON word of a role, as docs/PRODUCT.md §2 has it (`enterprise`, `reviewer`, `rechecker`, `supervisor`).
[[nodiscard]] inline const char* toString(Role role) {
  switch (role) {
    case Role::kEnterprise: return "enterprise";
    case Role::kReviewer: return "reviewer";
    case Role::kRechecker: return "rechecker";
    case Role::kSupervisor: return "supervisor";
  }
  return "enterprise";
}

}  // namespace ucf::sdk
