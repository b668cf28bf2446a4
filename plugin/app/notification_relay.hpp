#pragma once

#include "plugin/app/filing_store.hpp"
#include "plugin/app/notification.hpp"

namespace ucf::app {

/// Hands the outbox to the host after commit, oldest first, marking each row once the host
/// stored it. A row handed twice (a crash between the host's store and the mark, or two hosts over
/// one database) is harmless: the host stores a key once.
class NotificationRelay {
 public:
  NotificationRelay(FilingStore& store, NotificationSender& sender) : store_(store), sender_(sender) {}

  /// Hands every undelivered row; stops at the first the host refuses (tried again next time).
  /// How many it handed.
  int relay();

  static constexpr int kBatch = 100;

 private:
  FilingStore& store_;
  NotificationSender& sender_;
};

}  // namespace ucf::app
