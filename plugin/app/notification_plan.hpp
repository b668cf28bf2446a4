#pragma once

#include <optional>
#include <vector>

#include "plugin/app/notification.hpp"
#include "plugin/domain/filing.hpp"
#include "plugin/domain/filing_lifecycle.hpp"

namespace ucf::app {

/// The notifications a change of a filing owes (docs/PRODUCT.md §7.2), from the filing as saved and the
/// transitions the change recorded: submitted (the filer; the province's reviewers), first review
/// passed (the filer; the province's recheckers), approved with `validUntil`, rejected with the
/// opinion, change approved, voided with the reason, lapsed (the filer). Keys name the filing,
/// its new version and the transition, so each event has one key.
std::vector<OutgoingNotification> notificationsFor(const domain::Filing& filing,
                                                   const std::vector<domain::Transition>& transitions,
                                                   domain::Instant at);

/// The days before `validUntil` on which the filer is reminded (docs/PRODUCT.md §7.2).
inline constexpr int kReminderDays[] = {90, 30, 7};

/// The reminder owed on a filing in force `daysToExpiry` days before its end: the smallest of
/// kReminderDays not below it (so a host that was down on the 30th day still reminds on the
/// 29th), or nullopt beyond 90 days or after the end.
std::optional<int> reminderDue(int daysToExpiry);

/// The expiry reminder of `filing` for the threshold `days`, `daysToExpiry` days ahead.
OutgoingNotification expiryReminder(const domain::Filing& filing, int days, int daysToExpiry, domain::Instant at);

}  // namespace ucf::app
