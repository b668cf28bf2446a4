#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/domain/domain_error.hpp"
#include "plugin/domain/filing.hpp"
#include "plugin/domain/filing_status.hpp"

namespace ucf::domain {

/// What an enterprise may do with a row (the list's 操作 column).
enum class EnterpriseAction { kEdit, kDelete, kSubmit, kDetail, kChange };

/// JSON word of an action: `edit`, `delete`, `submit`, `detail`, `change`.
std::string_view toString(EnterpriseAction action);

/// One thing that happened to a filing, for its history: the action word, the row status before
/// and after, the form members it changed, a note (opinion, reason), and the number of the
/// application it concerns when that is not the filing's current one afterwards (a deleted or
/// voided 变更; 0 means the current one).
struct Transition {
  std::string action;
  FilingStatus from = FilingStatus::kPendingSubmit;
  FilingStatus to = FilingStatus::kPendingSubmit;
  std::vector<std::string> changedFields;
  std::string note;
  std::int64_t application = 0;
};

/// The history action words (closed set).
namespace history_action {
inline constexpr const char* kCreate = "create";
inline constexpr const char* kSave = "save";
inline constexpr const char* kDelete = "delete";
inline constexpr const char* kSubmit = "submit";
inline constexpr const char* kStartChange = "change_start";
inline constexpr const char* kAttachmentPut = "attachment_put";
inline constexpr const char* kAttachmentDelete = "attachment_delete";
inline constexpr const char* kReviewApprove = "review_approve";
inline constexpr const char* kReviewReject = "review_reject";
inline constexpr const char* kRecheckApprove = "recheck_approve";
inline constexpr const char* kRecheckReject = "recheck_reject";
inline constexpr const char* kLapse = "lapse";
inline constexpr const char* kSupersede = "supersede";
inline constexpr const char* kVoidChange = "change_void";
inline constexpr const char* kRevoke = "revoke";
}  // namespace history_action

/// The row status of docs/PRODUCT.md §5: VOID if voided; else LAPSED if lapsed (persisted, or validUntil
/// passed on `today`); else the open application's status; else APPROVED.
FilingStatus rowStatus(const Filing& filing, CalendarDate today);
/// The type of the row's latest application.
ApplicationType rowApplicationType(const Filing& filing);
/// Approved, not lapsed (by `today`) and not voided: the data of `approved` is in force.
bool inForce(const Filing& filing, CalendarDate today);
/// `daysToExpiry` while in force, else nullopt.
std::optional<int> filingDaysToExpiry(const Filing& filing, CalendarDate today);
/// The enterprise actions of a row in `status` (docs/PRODUCT.md §5 table), in the order edit, delete,
/// submit, detail, change. APPROVED means in force today, so it offers change.
std::vector<EnterpriseAction> actionsFor(FilingStatus status);
/// The enterprise actions allowed now: actionsFor(rowStatus(filing, today)).
std::vector<EnterpriseAction> allowedActions(const Filing& filing, CalendarDate today);
/// The application the detail shows: the open one, else the approved one, else the last closed.
const Application& currentApplication(const Filing& filing);
/// The province whose authorities review the filing: the current application's address.
std::string reviewProvince(const Filing& filing);
/// Slots filled in `application`.
std::set<std::string, std::less<>> filledSlots(const Application& application);
/// Whether `application` could be submitted now (every field valid, every required slot filled).
bool isComplete(const Application& application, CalendarDate today);

/// A new 新增 filing for `uscc` with `form` (already validated for its save mode by the caller).
Filing newFiling(std::string uscc, FormData form, Instant now);

/// Replaces the open application's form (修改). Allowed while PENDING_SUBMIT or REJECTED;
/// REJECTED returns to PENDING_SUBMIT.
Outcome<Transition> editOpen(Filing& filing, FormData form, Instant now, CalendarDate today);
/// Deletes the open application (删除). A 新增 marks the whole filing deleted; a 变更 returns
/// the row to its approved state.
Outcome<Transition> deleteOpen(Filing& filing, Instant now, CalendarDate today);
/// Submits the open application (上报) when complete; errors list every missing member and slot.
Outcome<Transition> submitOpen(Filing& filing, Instant now, CalendarDate today);
/// Opens a 变更 with `form` (the approved data merged with the change) and the approved attachments.
Outcome<Transition> startChange(Filing& filing, FormData form, Instant now, CalendarDate today);
/// Stores `attachment` in its slot of the open editable application.
Outcome<Transition> putAttachment(Filing& filing, Attachment attachment, CalendarDate today);
/// Removes the file of `slot` from the open editable application.
Outcome<Transition> removeAttachment(Filing& filing, std::string_view slot, Instant now, CalendarDate today);

/// A reviewer's or rechecker's act on a submitted application.
struct ReviewAct {
  Actor actor;
  bool mayReview = false;   ///< holds the reviewer role (first review)
  bool mayRecheck = false;  ///< holds the rechecker role (re-review)
  ReviewDecision decision = ReviewDecision::kApprove;
  std::string opinion;
  std::vector<FieldNote> fieldNotes;
};

/// First review → RECHECK or REJECTED; re-review → APPROVED (approvedAt; validUntil for a 新增;
/// a 变更 replaces the approved data and keeps validUntil) or REJECTED. Refuses a stage that is
/// not the actor's, and rechecking one's own first review (kForbidden); a reject needs an opinion.
Outcome<std::vector<Transition>> decide(Filing& filing, const ReviewAct& act, Instant now, CalendarDate today);
/// 撤销 by the ministry: a filing in force becomes VOID, an open change is closed as VOID first.
Outcome<std::vector<Transition>> revoke(Filing& filing, const std::string& reason, Instant now, CalendarDate today);
/// Marks the filing lapsed if its validity ended before `today` (and voids an open change).
std::vector<Transition> lapseIfDue(Filing& filing, Instant now, CalendarDate today);
/// Marks an approved filing lapsed because a later 新增 of its enterprise was approved.
std::vector<Transition> supersede(Filing& filing, Instant now, CalendarDate today);

}  // namespace ucf::domain
