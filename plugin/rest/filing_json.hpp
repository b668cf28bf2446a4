#pragma once

#include <vector>

#include <boost/json/value.hpp>

#include "plugin/app/filing_summary.hpp"
#include "plugin/domain/filing.hpp"
#include "plugin/domain/form_merge.hpp"
#include "plugin/domain/history_event.hpp"

namespace ucf::rest {

/// The detail of spec §6: the form's members at the top level, status, version, dates,
/// actions, attachments, reviews, and `approved` while a change is open.
boost::json::object filingDetailJson(const domain::Filing& filing, domain::CalendarDate today);
/// One row of a list (enterprise or authorities).
boost::json::object summaryJson(const app::FilingSummary& summary, domain::CalendarDate today);
/// An attachment's metadata.
boost::json::object attachmentJson(const domain::Attachment& attachment);
/// `{events: [...]}` of spec §6.
boost::json::object historyJson(const std::vector<domain::HistoryEvent>& events);
/// `{changes: [...]}` of spec §6.
boost::json::object diffJson(const std::vector<domain::FieldChange>& changes);
/// An instant as ISO 8601 with the +08:00 offset, or null.
boost::json::value instantOrNull(const std::optional<domain::Instant>& instant);

}  // namespace ucf::rest
