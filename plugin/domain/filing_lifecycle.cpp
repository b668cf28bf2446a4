#include "plugin/domain/filing_lifecycle.hpp"

#include <algorithm>

#include "plugin/domain/form_merge.hpp"
#include "plugin/domain/form_validation.hpp"

namespace ucf::domain {
namespace {

bool editable(const Application& a) {
  return a.status == ApplicationStatus::kPendingSubmit || a.status == ApplicationStatus::kRejected;
}

FilingStatus fromApplication(ApplicationStatus status) {
  switch (status) {
    case ApplicationStatus::kPendingSubmit: return FilingStatus::kPendingSubmit;
    case ApplicationStatus::kPendingReview: return FilingStatus::kPendingReview;
    case ApplicationStatus::kRejected: return FilingStatus::kRejected;
    case ApplicationStatus::kApproved: return FilingStatus::kApproved;
    case ApplicationStatus::kVoid: return FilingStatus::kVoid;
    case ApplicationStatus::kDeleted: return FilingStatus::kVoid;
  }
  return FilingStatus::kVoid;
}

bool lapsedOn(const Filing& f, CalendarDate today) {
  if (f.lapsed) return true;
  return f.approved && hasLapsed(f.approved->validUntil, today);
}

// The open application, editable and the filing neither void nor lapsed; else why not.
Outcome<Application*> editableOpen(Filing& f, CalendarDate today) {
  if (f.voidReason || lapsedOn(f, today) || !f.open) return fail(ErrorCode::kConflict, "当前状态不允许修改");
  if (!editable(*f.open)) return fail(ErrorCode::kConflict, "已上报的申请不能修改");
  return &*f.open;
}

// Closes the open change as VOID (its filing lapsed or was voided first).
std::optional<Transition> voidOpenChange(Filing& f, FilingStatus before, Instant now) {
  if (!f.open) return std::nullopt;
  const std::int64_t number = f.open->number;
  f.open->status = ApplicationStatus::kVoid;
  f.open->stage.reset();
  f.open->savedAt = now;
  f.closed.push_back(std::move(*f.open));
  f.open.reset();
  Transition t{history_action::kVoidChange, before, FilingStatus::kVoid, {}, "变更申请因备案失效或撤销而无效"};
  t.application = number;
  return t;
}

}  // namespace

std::string_view toString(EnterpriseAction action) {
  switch (action) {
    case EnterpriseAction::kEdit: return "edit";
    case EnterpriseAction::kDelete: return "delete";
    case EnterpriseAction::kSubmit: return "submit";
    case EnterpriseAction::kDetail: return "detail";
    case EnterpriseAction::kChange: return "change";
  }
  return "detail";
}

FilingStatus rowStatus(const Filing& f, CalendarDate today) {
  if (f.voidReason) return FilingStatus::kVoid;
  if (lapsedOn(f, today)) return FilingStatus::kLapsed;
  if (f.open) return fromApplication(f.open->status);
  if (f.approved) return FilingStatus::kApproved;
  return FilingStatus::kVoid;  // a deleted 新增: never shown to the enterprise
}

ApplicationType rowApplicationType(const Filing& f) {
  // The latest application that still belongs to the row: the open one, else the newest of the
  // approved one and the closed ones, a deleted 变更 excepted (deleting it returns the row to its
  // approved state). A change voided with its filing (撤销, or lapsed first) stays the latest.
  if (f.open) return f.open->type;
  const Application* latest = f.approved ? &f.approved->application : nullptr;
  for (const auto& a : f.closed) {
    if (a.status == ApplicationStatus::kDeleted && a.type == ApplicationType::kChange) continue;
    if (latest == nullptr || a.number > latest->number) latest = &a;
  }
  return latest ? latest->type : ApplicationType::kNew;
}

bool inForce(const Filing& f, CalendarDate today) {
  return f.approved && !f.voidReason && !lapsedOn(f, today) && !f.deleted;
}

std::optional<int> filingDaysToExpiry(const Filing& f, CalendarDate today) {
  if (!f.approved) return std::nullopt;
  return daysToExpiry(f.approved->validUntil, today, inForce(f, today));
}

std::vector<EnterpriseAction> allowedActions(const Filing& f, CalendarDate today) {
  return actionsFor(rowStatus(f, today));
}

std::vector<EnterpriseAction> actionsFor(FilingStatus status) {
  std::vector<EnterpriseAction> out;
  switch (status) {
    case FilingStatus::kPendingSubmit:
    case FilingStatus::kRejected:
      out = {EnterpriseAction::kEdit, EnterpriseAction::kDelete, EnterpriseAction::kSubmit, EnterpriseAction::kDetail};
      break;
    case FilingStatus::kPendingReview:
    case FilingStatus::kLapsed:
    case FilingStatus::kVoid: out = {EnterpriseAction::kDetail}; break;
    case FilingStatus::kApproved: out = {EnterpriseAction::kDetail, EnterpriseAction::kChange}; break;
  }
  return out;
}

const Application& currentApplication(const Filing& f) {
  if (f.open) return *f.open;
  if (f.approved) return f.approved->application;
  return f.closed.back();
}

std::string reviewProvince(const Filing& f) {
  const auto* code = stringOf(currentApplication(f).form, "address.provinceCode");
  return code ? *code : std::string();
}

std::set<std::string, std::less<>> filledSlots(const Application& a) {
  std::set<std::string, std::less<>> out;
  for (const auto& [slot, attachment] : a.attachments) out.insert(slot);
  return out;
}

// The attachments map is keyed by slot: no FilledSlots copy of its names on every read.
bool isComplete(const Application& a, CalendarDate today) { return isComplete(a.form, a.attachments, today); }

Filing newFiling(std::string uscc, FormData form, Instant now) {
  Filing f;
  f.uscc = std::move(uscc);
  Application a;
  a.number = 1;
  a.type = ApplicationType::kNew;
  a.status = ApplicationStatus::kPendingSubmit;
  a.form = std::move(form);
  a.savedAt = now;
  f.open = std::move(a);
  f.version = 1;
  f.createdAt = now;
  f.updatedAt = now;
  return f;
}

Outcome<Transition> editOpen(Filing& f, FormData form, Instant now, CalendarDate today) {
  FilingStatus before = rowStatus(f, today);
  auto open = editableOpen(f, today);
  if (!open.ok()) return open.error();
  Application& a = *open.value();
  Transition t{history_action::kSave, before, FilingStatus::kPendingSubmit, changedFieldNames(a.form, form), {}};
  a.form = std::move(form);
  a.status = ApplicationStatus::kPendingSubmit;
  a.savedAt = now;
  return t;
}

Outcome<Transition> deleteOpen(Filing& f, Instant now, CalendarDate today) {
  FilingStatus before = rowStatus(f, today);
  auto open = editableOpen(f, today);
  if (!open.ok()) return fail(ErrorCode::kConflict, "只有待上报或审核不通过的申请可以删除");
  Application a = std::move(*f.open);
  f.open.reset();
  a.status = ApplicationStatus::kDeleted;
  a.savedAt = now;
  bool wasNew = a.type == ApplicationType::kNew;
  const std::int64_t number = a.number;
  f.closed.push_back(std::move(a));
  if (wasNew) {
    f.deleted = true;
    return Transition{history_action::kDelete, before, FilingStatus::kVoid, {}, "新增申请已删除", number};
  }
  return Transition{history_action::kDelete, before, rowStatus(f, today), {}, "变更申请已删除", number};
}

Outcome<Transition> submitOpen(Filing& f, Instant now, CalendarDate today) {
  FilingStatus before = rowStatus(f, today);
  auto open = editableOpen(f, today);
  if (!open.ok()) return fail(ErrorCode::kConflict, "当前状态不允许上报");
  Application& a = *open.value();
  FieldErrors errors = validateForm(a.form, SaveMode::kSubmit, today);
  FieldErrors slots = missingAttachments(a.form, filledSlots(a));
  errors.insert(errors.end(), slots.begin(), slots.end());
  if (!errors.empty()) return invalid(std::move(errors));
  a.status = ApplicationStatus::kPendingReview;
  a.stage = ReviewStage::kFirstReview;
  a.submittedAt = now;
  return Transition{history_action::kSubmit, before, FilingStatus::kPendingReview, {}, {}};
}

Outcome<Transition> startChange(Filing& f, FormData form, Instant now, CalendarDate today) {
  if (!inForce(f, today)) return fail(ErrorCode::kConflict, "只有有效期内的已通过备案可以变更");
  if (f.open) return fail(ErrorCode::kOpenApplicationExists, "该备案已有未完成的变更申请");
  Application a;
  a.number = f.approved->application.number + 1;
  for (const auto& c : f.closed) a.number = std::max(a.number, c.number + 1);
  a.type = ApplicationType::kChange;
  a.status = ApplicationStatus::kPendingSubmit;
  std::vector<std::string> changed = changedFieldNames(f.approved->application.form, form);
  a.form = std::move(form);
  a.attachments = f.approved->application.attachments;
  a.savedAt = now;
  f.open = std::move(a);
  return Transition{
      history_action::kStartChange, FilingStatus::kApproved, FilingStatus::kPendingSubmit, std::move(changed), {}};
}

Outcome<Transition> putAttachment(Filing& f, Attachment attachment, CalendarDate today) {
  FilingStatus before = rowStatus(f, today);
  auto open = editableOpen(f, today);
  if (!open.ok()) return open.error();
  Application& a = *open.value();
  std::string field = "attachments." + attachment.slot;
  a.savedAt = attachment.uploadedAt;
  a.status = ApplicationStatus::kPendingSubmit;
  a.attachments[attachment.slot] = std::move(attachment);
  return Transition{history_action::kAttachmentPut, before, FilingStatus::kPendingSubmit, {field}, {}};
}

Outcome<Transition> removeAttachment(Filing& f, std::string_view slot, Instant now, CalendarDate today) {
  FilingStatus before = rowStatus(f, today);
  auto open = editableOpen(f, today);
  if (!open.ok()) return open.error();
  Application& a = *open.value();
  auto it = a.attachments.find(slot);
  if (it == a.attachments.end()) return fail(ErrorCode::kNotFound, "该材料尚未上传");
  a.attachments.erase(it);
  a.savedAt = now;
  a.status = ApplicationStatus::kPendingSubmit;
  return Transition{history_action::kAttachmentDelete,
                    before,
                    FilingStatus::kPendingSubmit,
                    {"attachments." + std::string(slot)},
                    {}};
}

Outcome<std::vector<Transition>> decide(Filing& f, const ReviewAct& act, Instant now, CalendarDate today) {
  FilingStatus before = rowStatus(f, today);
  if (before != FilingStatus::kPendingReview || !f.open || !f.open->stage) {
    return fail(ErrorCode::kConflict, "该申请当前不在审核中");
  }
  Application& a = *f.open;
  const ReviewStage stage = *a.stage;
  switch (stage) {
    case ReviewStage::kFirstReview:
      if (!act.mayReview) return fail(ErrorCode::kForbidden, "该申请处于初审阶段，需由审核人员办理");
      break;
    case ReviewStage::kRecheck: {
      if (!act.mayRecheck) return fail(ErrorCode::kForbidden, "该申请处于复核阶段，需由复核人员办理");
      auto first = std::find_if(a.reviews.rbegin(), a.reviews.rend(), [](const Review& r) {
        return r.stage == ReviewStage::kFirstReview && r.decision == ReviewDecision::kApprove;
      });
      if (first != a.reviews.rend() && first->reviewer.userId == act.actor.userId) {
        return fail(ErrorCode::kForbidden, "复核人员不能复核本人初审的申请");
      }
      break;
    }
  }
  if (act.decision == ReviewDecision::kReject && act.opinion.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalid({{"opinion", field_code::kRequired, "审核不通过时须填写审核意见"}});
  }
  a.reviews.push_back(Review{stage, act.decision, act.opinion, act.fieldNotes, act.actor, now});

  if (act.decision == ReviewDecision::kReject) {
    a.status = ApplicationStatus::kRejected;
    a.stage.reset();
    const char* action =
        stage == ReviewStage::kFirstReview ? history_action::kReviewReject : history_action::kRecheckReject;
    return std::vector<Transition>{{action, before, FilingStatus::kRejected, {}, act.opinion}};
  }
  if (stage == ReviewStage::kFirstReview) {
    a.stage = ReviewStage::kRecheck;
    return std::vector<Transition>{
        {history_action::kReviewApprove, before, FilingStatus::kPendingReview, {}, act.opinion}};
  }
  // Re-review approved: the application's data comes into force.
  a.status = ApplicationStatus::kApproved;
  a.stage.reset();
  a.approvedAt = now;
  CalendarDate until = a.type == ApplicationType::kNew ? validUntil(today) : f.approved->validUntil;
  if (f.approved) f.closed.push_back(std::move(f.approved->application));
  f.approved = ApprovedState{std::move(a), now, until};
  f.open.reset();
  return std::vector<Transition>{{history_action::kRecheckApprove, before, FilingStatus::kApproved, {}, act.opinion}};
}

Outcome<std::vector<Transition>> revoke(Filing& f, const std::string& reason, Instant now, CalendarDate today) {
  if (!inForce(f, today)) return fail(ErrorCode::kConflict, "只有有效期内的已通过备案可以撤销");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalid({{"reason", field_code::kRequired, "撤销须填写原因"}});
  }
  FilingStatus before = rowStatus(f, today);
  std::vector<Transition> out;
  if (auto t = voidOpenChange(f, before, now)) out.push_back(std::move(*t));
  f.voidReason = reason;
  out.push_back({history_action::kRevoke, before, FilingStatus::kVoid, {}, reason});
  return out;
}

std::vector<Transition> lapseIfDue(Filing& f, Instant now, CalendarDate today) {
  if (f.lapsed || f.voidReason || f.deleted || !f.approved || !hasLapsed(f.approved->validUntil, today)) return {};
  // The row already reads LAPSED by date; record the status it had before it ran out.
  FilingStatus before = f.open ? fromApplication(f.open->status) : FilingStatus::kApproved;
  std::vector<Transition> out;
  if (auto t = voidOpenChange(f, before, now)) out.push_back(std::move(*t));
  f.lapsed = LapseReason::kExpired;
  out.push_back({history_action::kLapse, before, FilingStatus::kLapsed, {}, "备案有效期已届满"});
  return out;
}

std::vector<Transition> supersede(Filing& f, Instant now, CalendarDate today) {
  if (!inForce(f, today)) return {};
  FilingStatus before = rowStatus(f, today);
  std::vector<Transition> out;
  if (auto t = voidOpenChange(f, before, now)) out.push_back(std::move(*t));
  f.lapsed = LapseReason::kSuperseded;
  out.push_back({history_action::kSupersede, before, FilingStatus::kLapsed, {}, "新的备案已审核通过，原备案失效"});
  return out;
}

}  // namespace ucf::domain
