#pragma once

#include <cstdint>
#include <vector>

#include "adapters/persistence/database.hpp"
#include "plugin/app/notification.hpp"
#include "plugin/domain/calendar_date.hpp"

/// The SQL of the plugin's notification outbox and expiry reminders (migrations/*/003), for both
/// engines, on the store's connections; SqlFilingStore and its transactions delegate here.
namespace ucf::adapters::notification_outbox {

/// Inserts `notification` in the transaction open on `lease` (a key already there is kept as it was).
void append(Database::Lease& lease, const app::OutgoingNotification& notification);
/// Records the reminder (filing, validUntil, days) in the transaction open on `lease`; false when
/// it was there already.
bool recordReminder(Database::Lease& lease, std::int64_t filingId, domain::CalendarDate validUntil, int days,
                    domain::Instant at);
/// Filings in force on `today`, expiring within 90 days, whose reminder due now is not recorded.
std::vector<std::int64_t> dueForReminder(Database& db, domain::CalendarDate today);
/// The oldest `limit` rows not handed to the host yet.
std::vector<app::PendingNotification> undelivered(Database& db, int limit);
/// Marks row `id` handed to the host.
void markDelivered(Database& db, std::int64_t id, domain::Instant at);

}  // namespace ucf::adapters::notification_outbox
