#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mock-host/auth/host_database.hpp"

namespace ucf::host::notifications {

/// One e-mail of the outbox (docs/PRODUCT.md §7.2).
struct OutboxMail {
  std::int64_t id = 0;
  std::string to;
  std::string subject;
  std::string body;
  std::chrono::system_clock::time_point at;  ///< When the event happened (host clock).
  std::string state;                         ///< `pending`, `sending`, `sent` or `failed`.
  int attempts = 0;
};

/// The mail rows NotificationStore writes, as the delivery thread and `GET /api/dev/outbox` use
/// them. Scheduling (when a row is due again) runs on the wall clock, not the host clock: it is
/// about when an SMTP server may be back, and a dev clock moved back a year must not hold mail a
/// year. Thread-safe; several hosts over one PostgreSQL never claim one row at once.
class MailOutbox {
 public:
  explicit MailOutbox(auth::HostDatabase& database) : database_(database) {}

  /// Claims the oldest row due at `wallNow` (pending, or a claim that expired because its host
  /// stopped): it becomes `sending` until `wallNow + lease`, and its attempts grow by one.
  std::optional<OutboxMail> claimDue(std::chrono::system_clock::time_point wallNow, std::chrono::milliseconds lease);
  /// The claimed row was delivered.
  void markSent(std::int64_t id);
  /// Delivery failed: due again at `retryAt`, or `failed` for good when `retryAt` is empty.
  void markFailed(std::int64_t id, const std::string& error,
                  std::optional<std::chrono::system_clock::time_point> retryAt);
  /// The newest `limit` rows, newest first.
  std::vector<OutboxMail> newest(int limit);

 private:
  auth::HostDatabase& database_;
};

}  // namespace ucf::host::notifications
