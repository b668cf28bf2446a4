#pragma once

#include <string>
#include <vector>

#include "plugin/app/filing_summary.hpp"
#include "plugin/domain/filing.hpp"
#include "plugin/domain/form_merge.hpp"
#include "plugin/domain/history_event.hpp"
#include "plugin/json/json_writer.hpp"

namespace ucf::rest {

// The documents of the filing routes (spec §6), written straight to text (json/json_writer.hpp).

/// The detail of spec §6: the form's members at the top level, status, version, dates,
/// actions, attachments, reviews, and `approved` while a change is open.
std::string filingDetailJson(const domain::Filing& filing, domain::CalendarDate today);
/// The `items` member of a list (enterprise or authorities): one row per summary, in the open
/// object of `out`.
void writeItems(json::JsonWriter& out, const std::vector<app::FilingSummary>& items, domain::CalendarDate today);
/// An attachment's metadata.
std::string attachmentJson(const domain::Attachment& attachment);
/// `{events: [...]}` of spec §6.
std::string historyJson(const std::vector<domain::HistoryEvent>& events);
/// `{changes: [...]}` of spec §6.
std::string diffJson(const std::vector<domain::FieldChange>& changes);

}  // namespace ucf::rest
