#pragma once

#include "plugin/app/notification.hpp"
#include "ucf/sdk/notifier.hpp"

namespace ucf::rest {

/// The relay's NotificationSender over the host's Notifier (HostContext::notifier): the plugin's
/// audience words become the SDK's (docs/PRODUCT.md §7.2).
class HostNotificationSender final : public app::NotificationSender {
 public:
  explicit HostNotificationSender(sdk::Notifier& notifier) : notifier_(notifier) {}

  void send(const app::OutgoingNotification& notification) override;

  /// The SDK's form of `notification`.
  static sdk::Notification toSdk(const app::OutgoingNotification& notification);

 private:
  sdk::Notifier& notifier_;
};

}  // namespace ucf::rest
