#include "mock-host/notifications/notification_module.hpp"

namespace ucf::host::notifications {

NotificationModule::NotificationModule(const HostOptions& options, auth::HostDatabase& database,
                                       const sdk::Clock& clock, sdk::Logger& logger)
    : dev_(options.dev), store_(database), outbox_(database), handlers_(store_, outbox_, clock, logger) {
  if (options.smtp) {
    auto [host, port] = parseSmtpAddress(*options.smtp);
    delivery_ = std::make_unique<MailDelivery>(outbox_, host, port, logger);
    logger.log(sdk::LogLevel::kInfo, "mail goes through the SMTP relay " + *options.smtp);
  } else {
    logger.log(sdk::LogLevel::kInfo, "no --smtp: notification mail stays in the outbox");
  }
}

void NotificationModule::registerRoutes(RouteTable& routes) { handlers_.registerIn(routes, dev_); }

sdk::Notifier& NotificationModule::notifierFor(const std::string& pluginId) {
  std::lock_guard<std::mutex> lock(notifiersMutex_);
  MailDelivery* delivery = delivery_.get();
  return notifiers_.emplace_back(pluginId, store_, [delivery] {
    if (delivery) delivery->wake();
  });
}

}  // namespace ucf::host::notifications
