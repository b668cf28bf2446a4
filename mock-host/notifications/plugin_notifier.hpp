#pragma once

#include <functional>
#include <stdexcept>
#include <string>

#include "mock-host/notifications/notification_store.hpp"
#include "ucf/sdk/notifier.hpp"

namespace ucf::host::notifications {

/// The Notifier one plugin is given (HostContext::notifier): stores what it sends under its id,
/// so two plugins' keys never collide, then tells the mail thread when it queued mail.
class PluginNotifier final : public sdk::Notifier {
 public:
  PluginNotifier(std::string pluginId, NotificationStore& store, std::function<void()> mailQueued)
      : pluginId_(std::move(pluginId)), store_(store), mailQueued_(std::move(mailQueued)) {}

  void send(const sdk::Notification& notification) override {
    if (notification.key.empty()) throw std::runtime_error("a notification needs a key");
    if (store_.store(pluginId_, notification) > 0 && mailQueued_) mailQueued_();
  }

 private:
  std::string pluginId_;
  NotificationStore& store_;
  std::function<void()> mailQueued_;
};

}  // namespace ucf::host::notifications
