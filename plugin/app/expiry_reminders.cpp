#include "plugin/app/expiry_reminders.hpp"

#include "plugin/app/notification_plan.hpp"

namespace ucf::app {

int ExpiryReminders::sweep() {
  const domain::Instant now = writer_.now();
  const domain::CalendarDate today = domain::shanghaiDateOf(now);
  int queued = 0;
  for (std::int64_t id : writer_.store().dueForReminder(today)) {
    auto tx = writer_.store().beginWrite();
    auto filing = tx->load(id);
    if (!filing || filing->deleted) continue;
    // Read again inside the transaction: it may have been voided or replaced meanwhile.
    auto left = domain::filingDaysToExpiry(*filing, today);
    if (!left || !filing->approved) continue;
    auto days = reminderDue(*left);
    if (!days) continue;
    if (!tx->recordReminder(id, filing->approved->validUntil, *days, now)) continue;  // another host was first
    tx->appendNotification(expiryReminder(*filing, *days, *left, now));
    tx->commit();
    ++queued;
  }
  return queued;
}

}  // namespace ucf::app
