#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mock-host/auth/host_database.hpp"
#include "ucf/sdk/notifier.hpp"

namespace ucf::host::notifications {

/// One notification as its recipient reads it (docs/PRODUCT.md §7.2).
struct StoredNotification {
  std::int64_t id = 0;
  std::chrono::system_clock::time_point at;
  std::string title;
  std::string body;
  std::string link;
  bool read = false;
};

/// A page of an account's notifications, newest first.
struct NotificationPage {
  std::vector<StoredNotification> items;
  std::int64_t unread = 0;                 ///< All the account's unread ones, not only this page's.
  std::optional<std::int64_t> nextCursor;  ///< The last item's id when more follow.
};

/// The host's notifications (站内消息) and their e-mails, in the host database. Thread-safe.
class NotificationStore {
 public:
  explicit NotificationStore(auth::HostDatabase& database) : database_(database) {}

  /// Resolves the audience to accounts now (docs/PRODUCT.md §2.1: the CA accounts of a USCC and the
  /// registered accounts trusted for it; authority accounts by role and province; one account by id)
  /// and stores one row per account, plus a mail row for each account with a contactEmail, in one
  /// transaction. Idempotent per (plugin, key, account). Returns how many mails it queued.
  /// Throws on a database failure (nothing stored then).
  std::size_t store(const std::string& plugin, const sdk::Notification& notification);

  /// The account's notifications older than `before` (an id; none: from the newest), at most `limit`.
  NotificationPage list(const std::string& accountId, bool unreadOnly, std::optional<std::int64_t> before, int limit);
  /// Marks notification `id` of the account read; false when the account has no such notification.
  bool markRead(const std::string& accountId, std::int64_t id, std::chrono::system_clock::time_point at);
  /// Marks every notification of the account read.
  void markAllRead(const std::string& accountId, std::chrono::system_clock::time_point at);

 private:
  auth::HostDatabase& database_;
};

}  // namespace ucf::host::notifications
