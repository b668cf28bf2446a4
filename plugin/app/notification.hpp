#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "plugin/domain/filing.hpp"

namespace ucf::app {

/// Who a notification is for, in the plugin's words (docs/PRODUCT.md §2.1, §7.2); the host resolves it to
/// accounts when it stores it.
struct NotificationAudience {
  enum class Kind {
    kAccount,             ///< `value`: one account's userId.
    kVerifiedEnterprise,  ///< `value`: a USCC; every verified principal of it.
    kProvinceRole,        ///< `value`: a province code; every authority account of it holding `role`.
  };
  enum class Role { kReviewer, kRechecker };

  Kind kind = Kind::kAccount;
  std::string value;
  Role role = Role::kReviewer;  ///< kProvinceRole only.
  friend bool operator==(const NotificationAudience&, const NotificationAudience&) = default;
};

/// A notification the plugin owes someone, stored in its outbox in the transaction of the change
/// that caused it and handed to the host after commit.
struct OutgoingNotification {
  std::string key;  ///< Unique per event: the host stores a key once per account.
  std::vector<NotificationAudience> audience;
  std::string title;
  std::string body;
  std::string link;  ///< Root-relative URL of the page to open.
  domain::Instant at;
  friend bool operator==(const OutgoingNotification&, const OutgoingNotification&) = default;
};

/// An outbox row not handed to the host yet.
struct PendingNotification {
  std::int64_t id = 0;
  OutgoingNotification notification;
};

/// The host's notification service, as the plugin's relay uses it.
class NotificationSender {
 public:
  virtual ~NotificationSender() = default;
  /// Hands `notification` to the host, which stores it durably before returning; idempotent per
  /// key. Throws when it could not (the row stays in the outbox and is handed again later).
  virtual void send(const OutgoingNotification& notification) = 0;
};

}  // namespace ucf::app
