#pragma once

#include <memory>
#include <vector>

#include "mock-host/auth/function_handler.hpp"
#include "mock-host/notifications/mail_outbox.hpp"
#include "mock-host/notifications/notification_store.hpp"
#include "mock-host/route_table.hpp"
#include "ucf/sdk/clock.hpp"
#include "ucf/sdk/logger.hpp"

namespace ucf::host::notifications {

/// The caller's notifications (docs/PRODUCT.md §7.2), host routes for any logged-in principal:
/// `GET /api/notifications?unreadOnly=&cursor=&limit=` → `{items: [{id, at, title, body, link,
/// read}], unread, nextCursor}` (newest first; `limit` 1–100, default 20; a bad parameter is 422
/// naming it); `POST /api/notifications/{id}/read` → 204 (another account's id → 404);
/// `POST /api/notifications/read-all` → 204. In `--dev`, `GET /api/dev/outbox` → `{items: [{to,
/// subject, body, at, state, attempts}]}` (the newest 200 mails), with no session needed.
class NotificationHandlers {
 public:
  NotificationHandlers(NotificationStore& store, MailOutbox& outbox, const sdk::Clock& clock, sdk::Logger& logger)
      : store_(store), outbox_(outbox), clock_(clock), logger_(logger) {}

  /// Registers the endpoints with `routes` as owner `host`; the outbox only when `dev`.
  void registerIn(RouteTable& routes, bool dev);

 private:
  sdk::HttpResponse list(sdk::HttpRequest& request);
  sdk::HttpResponse markRead(sdk::HttpRequest& request);
  sdk::HttpResponse markAllRead(sdk::HttpRequest& request);
  sdk::HttpResponse outbox(sdk::HttpRequest& request);

  NotificationStore& store_;
  MailOutbox& outbox_;
  const sdk::Clock& clock_;
  sdk::Logger& logger_;
  std::vector<std::unique_ptr<auth::FunctionHandler>> handlers_;
};

}  // namespace ucf::host::notifications
