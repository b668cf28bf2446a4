#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include "mock-host/auth/host_database.hpp"
#include "mock-host/host_options.hpp"
#include "mock-host/notifications/mail_delivery.hpp"
#include "mock-host/notifications/mail_outbox.hpp"
#include "mock-host/notifications/notification_handlers.hpp"
#include "mock-host/notifications/notification_store.hpp"
#include "mock-host/notifications/plugin_notifier.hpp"
#include "mock-host/route_table.hpp"

namespace ucf::host::notifications {

/// The host's notification service (docs/PRODUCT.md §7.2) assembled from its options: the store over
/// the host database, the endpoints, and with `--smtp` the mail thread. Must outlive the plugins
/// (their notifiers are its) and the HTTP server.
class NotificationModule {
 public:
  /// Throws std::invalid_argument for a malformed `--smtp`.
  NotificationModule(const HostOptions& options, auth::HostDatabase& database, const sdk::Clock& clock,
                     sdk::Logger& logger);

  /// Registers the endpoints (and in `--dev` the outbox) as owner `host`.
  void registerRoutes(RouteTable& routes);
  /// The Notifier of plugin `pluginId`, valid as long as this module.
  sdk::Notifier& notifierFor(const std::string& pluginId);

 private:
  bool dev_;
  NotificationStore store_;
  MailOutbox outbox_;
  NotificationHandlers handlers_;
  std::mutex notifiersMutex_;
  std::deque<PluginNotifier> notifiers_;    // a deque keeps references to its elements valid
  std::unique_ptr<MailDelivery> delivery_;  // last: its thread stops first
};

}  // namespace ucf::host::notifications
