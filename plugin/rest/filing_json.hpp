#pragma once

#include <string>
#include <vector>

#include "plugin/app/caller.hpp"
#include "plugin/app/filing_summary.hpp"
#include "plugin/domain/filing.hpp"
#include "plugin/domain/form_merge.hpp"
#include "plugin/domain/history_event.hpp"
#include "plugin/json/json_writer.hpp"

namespace ucf::rest {

// The documents of the filing routes (docs/PRODUCT.md §6), written straight to text (json/json_writer.hpp).

/// What a detail shows besides the filing itself, which depends on who asks.
struct DetailView {
  /// An enterprise caller: `actions` narrowed to what it may do (filing_access.hpp).
  const app::Caller* enterprise = nullptr;
  /// Authorities: the other filers' 新增 of the USCC in review (docs/PRODUCT.md §2.1).
  std::optional<std::int64_t> otherOpenNew;
};

/// The detail of docs/PRODUCT.md §6: the form's members at the top level, status, version, dates,
/// actions, attachments, reviews, `createdBy`, and `approved` while a change is open.
std::string filingDetailJson(const domain::Filing& filing, domain::CalendarDate today, const DetailView& view = {});
/// The `items` member of the enterprise list, in the open object of `out`: one row per summary,
/// its `actions` narrowed to what `caller` may do.
void writeEnterpriseItems(json::JsonWriter& out, const std::vector<app::FilingSummary>& items,
                          domain::CalendarDate today, const app::Caller& caller);
/// The `items` member of the authorities' list, each row with `otherOpenNew`.
void writeReviewItems(json::JsonWriter& out, const std::vector<app::FilingSummary>& items, domain::CalendarDate today);
/// An attachment's metadata.
std::string attachmentJson(const domain::Attachment& attachment);
/// `{events: [...]}` of docs/PRODUCT.md §6.
std::string historyJson(const std::vector<domain::HistoryEvent>& events);
/// `{changes: [...]}` of docs/PRODUCT.md §6.
std::string diffJson(const std::vector<domain::FieldChange>& changes);

}  // namespace ucf::rest
