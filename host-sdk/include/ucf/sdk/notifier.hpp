#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "ucf/sdk/principal.hpp"

namespace ucf::sdk {

/// Who a notification is for (docs/PRODUCT.md §7.2). The plugin names people the way its rules
/// know them; the host, which owns the accounts, resolves that to accounts when it stores it.
enum class AudienceKind {
  kAccount,             ///< One account: `userId`.
  kVerifiedEnterprise,  ///< Every verified principal of `uscc` (§2.1), as the host knows them now.
  kProvinceRole,        ///< Every authority account holding `role` in `provinceCode`.
};

/// One addressee of a notification.
struct Audience {
  AudienceKind kind = AudienceKind::kAccount;
  std::string userId;           ///< kAccount.
  std::string uscc;             ///< kVerifiedEnterprise.
  Role role = Role::kReviewer;  ///< kProvinceRole.
  std::string provinceCode;     ///< kProvinceRole.
};

/// A message the plugin asks the host to store (站内消息) and to e-mail where an address is known.
struct Notification {
  /// Unique per plugin and event, e.g. `filing/42/approved/7`. The host stores a key once, so a
  /// plugin may hand the same notification again after a crash or from a second host.
  std::string key;
  std::vector<Audience> audience;
  std::string title;                         ///< Short Chinese title, e.g. `备案已通过`.
  std::string body;                          ///< Chinese text; names the filing and what happened.
  std::string link;                          ///< Root-relative URL of the page to open, or empty.
  std::chrono::system_clock::time_point at;  ///< When the event happened (host clock).
};

/// The host's notification service. Thread-safe; valid from `start` until `stop` returns.
class Notifier {
 public:
  virtual ~Notifier() = default;

  /// Stores `notification` for every account its audience names now, and queues its e-mails,
  /// durably, before it returns. Idempotent per `key`. Throws std::runtime_error when it could
  /// not store it (the plugin keeps it and tries again later).
  virtual void send(const Notification& notification) = 0;
};

}  // namespace ucf::sdk
