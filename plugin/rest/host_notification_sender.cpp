#include "plugin/rest/host_notification_sender.hpp"

namespace ucf::rest {

sdk::Notification HostNotificationSender::toSdk(const app::OutgoingNotification& n) {
  using Kind = app::NotificationAudience::Kind;
  sdk::Notification out;
  out.key = n.key;
  out.title = n.title;
  out.body = n.body;
  out.link = n.link;
  out.at = n.at;
  for (const auto& a : n.audience) {
    sdk::Audience audience;
    switch (a.kind) {
      case Kind::kAccount:
        audience.kind = sdk::AudienceKind::kAccount;
        audience.userId = a.value;
        break;
      case Kind::kVerifiedEnterprise:
        audience.kind = sdk::AudienceKind::kVerifiedEnterprise;
        audience.uscc = a.value;
        break;
      case Kind::kProvinceRole:
        audience.kind = sdk::AudienceKind::kProvinceRole;
        audience.provinceCode = a.value;
        audience.role =
            a.role == app::NotificationAudience::Role::kReviewer ? sdk::Role::kReviewer : sdk::Role::kRechecker;
        break;
    }
    out.audience.push_back(std::move(audience));
  }
  return out;
}

void HostNotificationSender::send(const app::OutgoingNotification& notification) {
  notifier_.send(toSdk(notification));
}

}  // namespace ucf::rest
