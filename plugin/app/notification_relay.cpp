#include "plugin/app/notification_relay.hpp"

namespace ucf::app {

int NotificationRelay::relay() {
  int handed = 0;
  for (;;) {
    auto batch = store_.undeliveredNotifications(kBatch);
    for (const auto& row : batch) {
      sender_.send(row.notification);
      store_.markNotificationDelivered(row.id);
      ++handed;
    }
    if (static_cast<int>(batch.size()) < kBatch) return handed;
  }
}

}  // namespace ucf::app
