#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "plugin/app/history_recorder.hpp"
#include "plugin/domain/filing_lifecycle.hpp"
#include "plugin/domain/form_identity.hpp"
#include "plugin/domain/form_validation.hpp"
#include "plugin/domain/history_event.hpp"

#include "tests/support/complete_form.hpp"

using namespace ucf::domain;
using namespace std::chrono_literals;
namespace action = ucf::domain::history_action;

namespace {

const std::string kUscc = "91350100M000100Y43";
const CalendarDate kToday{2026, 3, 1};

// An instant on a Shanghai calendar day, at `hour` o'clock local time.
Instant at(CalendarDate day, int hour = 10) {
  return Instant(std::chrono::days(toDayNumber(day))) + std::chrono::hours(hour - 8);
}

using ucf::test::completeForm;

using ucf::test::with;

Attachment attachment(std::string_view slot, char fill = 'a', std::int64_t blobId = 1) {
  Attachment a;
  a.slot = std::string(slot);
  a.fileName = std::string(slot) + ".pdf";
  a.contentType = "application/pdf";
  a.size = 1234;
  a.sha256 = std::string(64, fill);
  a.uploadedAt = at(kToday, 9);
  a.blobId = blobId;
  return a;
}

// Every slot the category requires, filled.
AttachmentSet completeAttachments(EnterpriseCategory category = EnterpriseCategory::kManufacturer) {
  AttachmentSet out;
  std::int64_t blob = 1;
  for (const auto& s : slots()) {
    if (slotUsedBy(s, category)) out.emplace(std::string(s.slot), attachment(s.slot, 'a', blob++));
  }
  return out;
}

// The `attachments.<slot>` names of the slots the category requires, in slot order.
std::vector<std::string> requiredSlotFields(EnterpriseCategory category) {
  std::vector<std::string> out;
  for (const auto& s : slots()) {
    if (slotUsedBy(s, category)) out.push_back("attachments." + std::string(s.slot));
  }
  return out;
}

const Actor kReviewer{"r-1", "reviewer.fj", "审核员甲"};
const Actor kRechecker{"c-1", "rechecker.fj", "复核员乙"};
const Actor kBoth{"b-1", "both.fj", "审核复核员丙"};

ReviewAct reviewerAct(ReviewDecision decision = ReviewDecision::kApprove, std::string opinion = "同意") {
  return ReviewAct{kReviewer, true, false, decision, std::move(opinion), {}};
}
ReviewAct recheckerAct(ReviewDecision decision = ReviewDecision::kApprove, std::string opinion = "同意") {
  return ReviewAct{kRechecker, false, true, decision, std::move(opinion), {}};
}

// A 新增 filing with a complete form and every required file, not submitted.
Filing pendingFiling(EnterpriseCategory category = EnterpriseCategory::kManufacturer, CalendarDate day = kToday) {
  Filing f = newFiling(kUscc, completeForm(category), at(day, 9));
  f.open->attachments = completeAttachments(category);
  return f;
}

Filing submittedFiling(CalendarDate day = kToday) {
  Filing f = pendingFiling(EnterpriseCategory::kManufacturer, day);
  REQUIRE(submitOpen(f, at(day, 10), day).ok());
  return f;
}

Filing inRecheck(CalendarDate day = kToday) {
  Filing f = submittedFiling(day);
  REQUIRE(decide(f, reviewerAct(), at(day, 11), day).ok());
  return f;
}

Filing rejectedFiling(CalendarDate day = kToday) {
  Filing f = submittedFiling(day);
  REQUIRE(decide(f, reviewerAct(ReviewDecision::kReject, "材料不全"), at(day, 11), day).ok());
  return f;
}

// A 新增 that passed both reviews on `day`.
Filing approvedFiling(CalendarDate day = kToday) {
  Filing f = inRecheck(day);
  REQUIRE(decide(f, recheckerAct(), at(day, 12), day).ok());
  return f;
}

// An approved filing with an open 变更 (PENDING_SUBMIT) whose enterprise name changed.
Filing withOpenChange(CalendarDate day = kToday) {
  Filing f = approvedFiling(kToday);
  REQUIRE(startChange(f, with(completeForm(), "enterpriseName", std::string{"福州新名二手车出口有限公司"}), at(day, 13),
                      day)
              .ok());
  return f;
}

Filing voidFiling() {
  Filing f = approvedFiling();
  REQUIRE(revoke(f, "违规经营", at(kToday, 15), kToday).ok());
  return f;
}

std::vector<std::string> fieldsOf(const DomainError& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

std::vector<std::string> actionsOf(const std::vector<Transition>& ts) {
  std::vector<std::string> out;
  for (const auto& t : ts) out.push_back(t.action);
  return out;
}

std::vector<std::string> words(const std::vector<EnterpriseAction>& actions) {
  std::vector<std::string> out;
  for (auto a : actions) out.emplace_back(toString(a));
  return out;
}

using Words = std::vector<std::string>;

template <typename T>
ErrorCode codeOf(const Outcome<T>& outcome) {
  REQUIRE_FALSE(outcome.ok());
  return outcome.error().code;
}

}  // namespace

TEST_CASE("newFiling opens a 新增 application waiting to be submitted") {
  Filing f = newFiling(kUscc, completeForm(), at(kToday, 9));
  CHECK(f.uscc == kUscc);
  CHECK(f.version == 1);
  CHECK(f.createdAt == at(kToday, 9));
  CHECK(f.updatedAt == at(kToday, 9));
  REQUIRE(f.open);
  CHECK(f.open->number == 1);
  CHECK(f.open->type == ApplicationType::kNew);
  CHECK(f.open->status == ApplicationStatus::kPendingSubmit);
  CHECK_FALSE(f.open->stage);
  CHECK(f.open->savedAt == at(kToday, 9));
  CHECK_FALSE(f.open->submittedAt);
  CHECK(f.open->form == completeForm());
  CHECK_FALSE(f.approved);
  CHECK(f.closed.empty());
  CHECK_FALSE(f.deleted);
  CHECK(rowStatus(f, kToday) == FilingStatus::kPendingSubmit);
  CHECK(rowApplicationType(f) == ApplicationType::kNew);
  CHECK_FALSE(inForce(f, kToday));
  CHECK_FALSE(filingDaysToExpiry(f, kToday));
  CHECK(&currentApplication(f) == &*f.open);
  CHECK(reviewProvince(f) == "350000");
  CHECK(words(allowedActions(f, kToday)) == Words{"edit", "delete", "submit", "detail"});
  CHECK_FALSE(isComplete(*f.open, kToday));  // no files yet
  f.open->attachments = completeAttachments();
  CHECK(isComplete(*f.open, kToday));
}

TEST_CASE("editOpen replaces the form of a PENDING_SUBMIT or REJECTED application") {
  SECTION("PENDING_SUBMIT stays PENDING_SUBMIT and names the changed members") {
    Filing f = pendingFiling();
    FormData changed =
        with(with(completeForm(), "address.city", std::string{"厦门市"}), "contact.mobile", std::string{"13900139000"});
    auto t = editOpen(f, changed, at(kToday, 11), kToday);
    REQUIRE(t.ok());
    CHECK(t.value().action == action::kSave);
    CHECK(t.value().from == FilingStatus::kPendingSubmit);
    CHECK(t.value().to == FilingStatus::kPendingSubmit);
    CHECK(t.value().changedFields == Words{"address.city", "contact.mobile"});
    CHECK(f.open->form == changed);
    CHECK(f.open->savedAt == at(kToday, 11));
    CHECK(f.open->status == ApplicationStatus::kPendingSubmit);
    CHECK(f.open->attachments == completeAttachments());  // files are untouched by a form edit
  }
  SECTION("REJECTED returns to PENDING_SUBMIT, its reviews kept") {
    Filing f = rejectedFiling();
    REQUIRE(rowStatus(f, kToday) == FilingStatus::kRejected);
    auto t = editOpen(f, with(completeForm(), "businessArea", std::int64_t{400}), at(kToday, 14), kToday);
    REQUIRE(t.ok());
    CHECK(t.value().from == FilingStatus::kRejected);
    CHECK(t.value().to == FilingStatus::kPendingSubmit);
    CHECK(t.value().changedFields == Words{"businessArea"});
    CHECK(f.open->status == ApplicationStatus::kPendingSubmit);
    CHECK(rowStatus(f, kToday) == FilingStatus::kPendingSubmit);
    CHECK(f.open->reviews.size() == 1);
  }
  SECTION("an open 变更 can be edited") {
    Filing f = withOpenChange();
    auto t = editOpen(f, with(completeForm(), "businessScope", std::string{"二手车出口"}), at(kToday, 14), kToday);
    REQUIRE(t.ok());
    CHECK(f.open->type == ApplicationType::kChange);
    CHECK(f.approved->application.form == completeForm());
  }
}

TEST_CASE("editOpen is refused unless the application is PENDING_SUBMIT or REJECTED") {
  auto refused = [](Filing f, CalendarDate day) {
    const Filing before = f;
    auto t = editOpen(f, with(completeForm(), "address.city", std::string{"厦门市"}), at(day, 16), day);
    CHECK(codeOf(t) == ErrorCode::kConflict);
    CHECK(f == before);
  };
  SECTION("PENDING_REVIEW, first review") { refused(submittedFiling(), kToday); }
  SECTION("PENDING_REVIEW, recheck") { refused(inRecheck(), kToday); }
  SECTION("APPROVED") { refused(approvedFiling(), kToday); }
  SECTION("LAPSED, with its change still open") { refused(withOpenChange(), CalendarDate{2027, 3, 1}); }
  SECTION("LAPSED, superseded") {
    Filing f = approvedFiling();
    supersede(f, at(kToday, 16), kToday);
    refused(f, kToday);
  }
  SECTION("VOID") { refused(voidFiling(), kToday); }
  SECTION("deleted") {
    Filing f = pendingFiling();
    REQUIRE(deleteOpen(f, at(kToday, 10), kToday).ok());
    refused(f, kToday);
  }
}

TEST_CASE("deleteOpen") {
  SECTION("a 新增 PENDING_SUBMIT is deleted whole and kept for history") {
    Filing f = pendingFiling();
    const Application before = *f.open;
    auto t = deleteOpen(f, at(kToday, 12), kToday);
    REQUIRE(t.ok());
    CHECK(t.value().action == action::kDelete);
    CHECK(t.value().from == FilingStatus::kPendingSubmit);
    CHECK(t.value().to == FilingStatus::kVoid);
    CHECK(t.value().application == 1);
    CHECK(f.deleted);
    CHECK_FALSE(f.open);
    REQUIRE(f.closed.size() == 1);
    CHECK(f.closed.back().status == ApplicationStatus::kDeleted);
    CHECK(f.closed.back().form == before.form);
    CHECK(f.closed.back().attachments == before.attachments);
    CHECK_FALSE(inForce(f, kToday));
    CHECK(words(allowedActions(f, kToday)) == Words{"detail"});
  }
  SECTION("a REJECTED 新增 is deleted") {
    Filing f = rejectedFiling();
    auto t = deleteOpen(f, at(kToday, 12), kToday);
    REQUIRE(t.ok());
    CHECK(t.value().from == FilingStatus::kRejected);
    CHECK(f.deleted);
  }
  SECTION("a 变更 returns the row to APPROVED with the approved data intact") {
    Filing f = withOpenChange();
    const ApprovedState approved = *f.approved;
    auto t = deleteOpen(f, at(kToday, 14), kToday);
    REQUIRE(t.ok());
    CHECK(t.value().from == FilingStatus::kPendingSubmit);
    CHECK(t.value().to == FilingStatus::kApproved);
    CHECK(t.value().application == 2);  // the deleted change, not the approved 新增 left in force
    CHECK_FALSE(f.deleted);
    CHECK_FALSE(f.open);
    REQUIRE(f.approved);
    CHECK(*f.approved == approved);
    CHECK(f.closed.back().type == ApplicationType::kChange);
    CHECK(f.closed.back().status == ApplicationStatus::kDeleted);
    CHECK(rowStatus(f, kToday) == FilingStatus::kApproved);
    CHECK(rowApplicationType(f) == ApplicationType::kNew);
    CHECK(inForce(f, kToday));
    CHECK(words(allowedActions(f, kToday)) == Words{"detail", "change"});
    // and another change may start
    CHECK(startChange(f, completeForm(), at(kToday, 15), kToday).ok());
    CHECK(f.open->number == 3);
  }
  SECTION("refused when not allowed") {
    auto refused = [](Filing f, CalendarDate day) {
      const Filing before = f;
      CHECK(codeOf(deleteOpen(f, at(day, 16), day)) == ErrorCode::kConflict);
      CHECK(f == before);
    };
    refused(submittedFiling(), kToday);
    refused(inRecheck(), kToday);
    refused(approvedFiling(), kToday);
    refused(withOpenChange(), CalendarDate{2027, 3, 1});  // lapsed
    refused(voidFiling(), kToday);
    Filing deleted = pendingFiling();
    REQUIRE(deleteOpen(deleted, at(kToday, 10), kToday).ok());
    refused(deleted, kToday);
  }
}

TEST_CASE("submitOpen checks the whole form and every required slot of the category") {
  SECTION("an incomplete manufacturer lists each missing member and each missing slot") {
    FormData form = completeForm();
    form.erase("customsCode");
    form.erase("contact.mobile");
    Filing f = newFiling(kUscc, form, at(kToday, 9));
    const Filing before = f;
    auto t = submitOpen(f, at(kToday, 10), kToday);
    REQUIRE(codeOf(t) == ErrorCode::kValidation);
    Words expected{"customsCode", "contact.mobile"};
    for (const auto& s : requiredSlotFields(EnterpriseCategory::kManufacturer)) expected.push_back(s);
    CHECK(fieldsOf(t.error()) == expected);
    CHECK(expected.size() == 12);  // 2 members + 10 slots of 生产企业
    for (const auto& e : t.error().fields) {
      if (e.field.rfind("attachments.", 0) == 0) {
        CHECK(e.code == field_code::kMissingAttachment);
      } else {
        CHECK(e.code == field_code::kRequired);
      }
    }
    CHECK(f == before);
  }
  SECTION("a distributor needs its own slots, not the manufacturer's announcement proof") {
    Filing f = newFiling(kUscc, completeForm(EnterpriseCategory::kDistributor), at(kToday, 9));
    auto t = submitOpen(f, at(kToday, 10), kToday);
    REQUIRE(codeOf(t) == ErrorCode::kValidation);
    CHECK(fieldsOf(t.error()) == requiredSlotFields(EnterpriseCategory::kDistributor));
    CHECK(t.error().fields.size() == 13);
    const auto names = fieldsOf(t.error());
    CHECK(std::find(names.begin(), names.end(), "attachments.vehicle_announcement_proof") == names.end());
    CHECK(std::find(names.begin(), names.end(), "attachments.premises_proof") != names.end());
  }
  SECTION("one missing slot is named alone") {
    Filing f = pendingFiling(EnterpriseCategory::kDistributor);
    f.open->attachments.erase("financial_status_proof");
    auto t = submitOpen(f, at(kToday, 10), kToday);
    REQUIRE(codeOf(t) == ErrorCode::kValidation);
    CHECK(fieldsOf(t.error()) == Words{"attachments.financial_status_proof"});
  }
  SECTION("an invalid member is refused as well") {
    Filing f = pendingFiling();
    f.open->form["contact.mobile"] = std::string{"12345"};
    auto t = submitOpen(f, at(kToday, 10), kToday);
    REQUIRE(codeOf(t) == ErrorCode::kValidation);
    CHECK(fieldsOf(t.error()) == Words{"contact.mobile"});
  }
  SECTION("complete: PENDING_REVIEW in FIRST_REVIEW") {
    for (auto category : {EnterpriseCategory::kManufacturer, EnterpriseCategory::kDistributor}) {
      Filing f = pendingFiling(category);
      auto t = submitOpen(f, at(kToday, 10), kToday);
      REQUIRE(t.ok());
      CHECK(t.value().action == action::kSubmit);
      CHECK(t.value().from == FilingStatus::kPendingSubmit);
      CHECK(t.value().to == FilingStatus::kPendingReview);
      CHECK(f.open->status == ApplicationStatus::kPendingReview);
      CHECK(f.open->stage == ReviewStage::kFirstReview);
      CHECK(f.open->submittedAt == at(kToday, 10));
      CHECK(rowStatus(f, kToday) == FilingStatus::kPendingReview);
      CHECK(words(allowedActions(f, kToday)) == Words{"detail"});
    }
  }
  SECTION("a REJECTED application may be resubmitted and starts at first review again") {
    Filing f = rejectedFiling();
    auto t = submitOpen(f, at(kToday, 15), kToday);
    REQUIRE(t.ok());
    CHECK(t.value().from == FilingStatus::kRejected);
    CHECK(f.open->stage == ReviewStage::kFirstReview);
  }
  SECTION("refused once submitted, approved or void") {
    for (Filing f : {submittedFiling(), inRecheck(), approvedFiling(), voidFiling()}) {
      const Filing before = f;
      CHECK(codeOf(submitOpen(f, at(kToday, 16), kToday)) == ErrorCode::kConflict);
      CHECK(f == before);
    }
  }
}

TEST_CASE("decide: first review") {
  SECTION("approve moves to RECHECK") {
    Filing f = submittedFiling();
    ReviewAct act = reviewerAct();
    act.fieldNotes = {{"businessScope", "请写明出口"}};
    auto t = decide(f, act, at(kToday, 11), kToday);
    REQUIRE(t.ok());
    REQUIRE(t.value().size() == 1);
    CHECK(t.value()[0].action == action::kReviewApprove);
    CHECK(t.value()[0].from == FilingStatus::kPendingReview);
    CHECK(t.value()[0].to == FilingStatus::kPendingReview);
    CHECK(t.value()[0].note == "同意");
    CHECK(f.open->status == ApplicationStatus::kPendingReview);
    CHECK(f.open->stage == ReviewStage::kRecheck);
    REQUIRE(f.open->reviews.size() == 1);
    const Review& r = f.open->reviews[0];
    CHECK(r.stage == ReviewStage::kFirstReview);
    CHECK(r.decision == ReviewDecision::kApprove);
    CHECK(r.reviewer == kReviewer);
    CHECK(r.at == at(kToday, 11));
    CHECK(r.fieldNotes == std::vector<FieldNote>{{"businessScope", "请写明出口"}});
  }
  SECTION("reject needs an opinion") {
    for (std::string opinion : {"", "   ", " \t\r\n"}) {
      Filing f = submittedFiling();
      const Filing before = f;
      auto t = decide(f, reviewerAct(ReviewDecision::kReject, opinion), at(kToday, 11), kToday);
      REQUIRE(codeOf(t) == ErrorCode::kValidation);
      CHECK(fieldsOf(t.error()) == Words{"opinion"});
      CHECK(f == before);
    }
  }
  SECTION("reject with an opinion: REJECTED, editable again") {
    Filing f = submittedFiling();
    auto t = decide(f, reviewerAct(ReviewDecision::kReject, "缺少公章"), at(kToday, 11), kToday);
    REQUIRE(t.ok());
    REQUIRE(t.value().size() == 1);
    CHECK(t.value()[0].action == action::kReviewReject);
    CHECK(t.value()[0].to == FilingStatus::kRejected);
    CHECK(t.value()[0].note == "缺少公章");
    CHECK(f.open->status == ApplicationStatus::kRejected);
    CHECK_FALSE(f.open->stage);
    CHECK(rowStatus(f, kToday) == FilingStatus::kRejected);
    CHECK(words(allowedActions(f, kToday)) == Words{"edit", "delete", "submit", "detail"});
  }
  SECTION("a rechecker without the reviewer role may not act on first review") {
    Filing f = submittedFiling();
    const Filing before = f;
    CHECK(codeOf(decide(f, recheckerAct(), at(kToday, 11), kToday)) == ErrorCode::kForbidden);
    CHECK(f == before);
  }
}

TEST_CASE("decide: re-review") {
  SECTION("a reviewer without the rechecker role may not act on RECHECK") {
    Filing f = inRecheck();
    const Filing before = f;
    ReviewAct other{{"r-2", "reviewer2", "审核员丁"}, true, false, ReviewDecision::kApprove, "同意", {}};
    CHECK(codeOf(decide(f, other, at(kToday, 12), kToday)) == ErrorCode::kForbidden);
    CHECK(f == before);
  }
  SECTION("the officer of the first review may not recheck it, even holding both roles") {
    Filing f = submittedFiling();
    REQUIRE(decide(f, ReviewAct{kBoth, true, true, ReviewDecision::kApprove, "同意", {}}, at(kToday, 11), kToday).ok());
    const Filing before = f;
    auto same = decide(f, ReviewAct{kBoth, true, true, ReviewDecision::kApprove, "同意", {}}, at(kToday, 12), kToday);
    CHECK(codeOf(same) == ErrorCode::kForbidden);
    auto sameReject =
        decide(f, ReviewAct{kBoth, true, true, ReviewDecision::kReject, "不同意", {}}, at(kToday, 12), kToday);
    CHECK(codeOf(sameReject) == ErrorCode::kForbidden);
    CHECK(f == before);
    // another officer holding both roles may
    CHECK(decide(f, ReviewAct{{"b-2", "both2", "戊"}, true, true, ReviewDecision::kApprove, "同意", {}}, at(kToday, 12),
                 kToday)
              .ok());
    CHECK(rowStatus(f, kToday) == FilingStatus::kApproved);
  }
  SECTION("reject at re-review needs an opinion and returns REJECTED") {
    Filing f = inRecheck();
    CHECK(codeOf(decide(f, recheckerAct(ReviewDecision::kReject, ""), at(kToday, 12), kToday)) ==
          ErrorCode::kValidation);
    auto t = decide(f, recheckerAct(ReviewDecision::kReject, "经营范围不符"), at(kToday, 12), kToday);
    REQUIRE(t.ok());
    CHECK(actionsOf(t.value()) == Words{action::kRecheckReject});
    CHECK(t.value()[0].from == FilingStatus::kPendingReview);
    CHECK(t.value()[0].to == FilingStatus::kRejected);
    CHECK(f.open->status == ApplicationStatus::kRejected);
    CHECK(f.open->reviews.size() == 2);
    CHECK(f.open->reviews[1].stage == ReviewStage::kRecheck);
  }
  SECTION("after a rejection and resubmission, both reviews are needed again") {
    Filing f = inRecheck();
    REQUIRE(decide(f, recheckerAct(ReviewDecision::kReject, "经营范围不符"), at(kToday, 12), kToday).ok());
    REQUIRE(submitOpen(f, at(kToday, 13), kToday).ok());
    CHECK(f.open->stage == ReviewStage::kFirstReview);
    CHECK(codeOf(decide(f, recheckerAct(), at(kToday, 14), kToday)) == ErrorCode::kForbidden);
    // the rechecker of the last round may now do the first review; then it may not recheck
    ReviewAct both{kRechecker, true, true, ReviewDecision::kApprove, "同意", {}};
    REQUIRE(decide(f, both, at(kToday, 14), kToday).ok());
    CHECK(codeOf(decide(f, both, at(kToday, 15), kToday)) == ErrorCode::kForbidden);
    CHECK(decide(f, reviewerAct(), at(kToday, 15), kToday).ok() == false);  // reviewer lacks the recheck role
    CHECK(
        decide(f, ReviewAct{{"c-9", "c9", "己"}, false, true, ReviewDecision::kApprove, "", {}}, at(kToday, 15), kToday)
            .ok());
    CHECK(f.approved->application.reviews.size() == 4);
  }
  SECTION("approve of a 新增 on 2026-03-01: APPROVED, valid until 2027-02-28") {
    Filing f = inRecheck();
    auto t = decide(f, recheckerAct(), at(kToday, 12), kToday);
    REQUIRE(t.ok());
    CHECK(actionsOf(t.value()) == Words{action::kRecheckApprove});
    CHECK(t.value()[0].from == FilingStatus::kPendingReview);
    CHECK(t.value()[0].to == FilingStatus::kApproved);
    CHECK_FALSE(f.open);
    REQUIRE(f.approved);
    CHECK(f.approved->approvedAt == at(kToday, 12));
    CHECK(f.approved->validUntil == CalendarDate{2027, 2, 28});
    CHECK(f.approved->application.status == ApplicationStatus::kApproved);
    CHECK(f.approved->application.approvedAt == at(kToday, 12));
    CHECK_FALSE(f.approved->application.stage);
    CHECK(f.approved->application.form == completeForm());
    CHECK(f.approved->application.attachments == completeAttachments());
    CHECK(rowStatus(f, kToday) == FilingStatus::kApproved);
    CHECK(rowApplicationType(f) == ApplicationType::kNew);
    CHECK(inForce(f, kToday));
    CHECK(filingDaysToExpiry(f, kToday) == 364);
    CHECK(words(allowedActions(f, kToday)) == Words{"detail", "change"});
  }
  SECTION("approve of a 新增 on 2028-02-29: valid until 2029-02-27") {
    const CalendarDate leap{2028, 2, 29};
    Filing f = approvedFiling(leap);
    CHECK(f.approved->validUntil == CalendarDate{2029, 2, 27});
    CHECK(f.approved->approvedAt == at(leap, 12));
  }
  SECTION("approvedAt follows the Shanghai date: 23:30 UTC on 28 Feb is 1 March in Shanghai") {
    Filing f = inRecheck();
    const Instant lateUtc = Instant(std::chrono::days(toDayNumber({2026, 2, 28}))) + 23h + 30min;
    REQUIRE(shanghaiDateOf(lateUtc) == kToday);
    REQUIRE(decide(f, recheckerAct(), lateUtc, shanghaiDateOf(lateUtc)).ok());
    CHECK(f.approved->validUntil == CalendarDate{2027, 2, 28});
  }
  SECTION("nothing to decide: not submitted, already approved, deleted, void") {
    Filing pending = pendingFiling();
    CHECK(codeOf(decide(pending, reviewerAct(), at(kToday, 12), kToday)) == ErrorCode::kConflict);
    Filing rejected = rejectedFiling();
    CHECK(codeOf(decide(rejected, reviewerAct(), at(kToday, 12), kToday)) == ErrorCode::kConflict);
    Filing approved = approvedFiling();
    CHECK(codeOf(decide(approved, recheckerAct(), at(kToday, 13), kToday)) == ErrorCode::kConflict);
    Filing v = voidFiling();
    CHECK(codeOf(decide(v, recheckerAct(), at(kToday, 16), kToday)) == ErrorCode::kConflict);
  }
}

TEST_CASE("startChange opens one 变更 on a filing in force") {
  SECTION("starts from the approved data and shares the approved files by value") {
    Filing f = approvedFiling();
    const ApprovedState approved = *f.approved;
    FormData changed = with(completeForm(), "enterpriseName", std::string{"福州新名二手车出口有限公司"});
    auto t = startChange(f, changed, at({2026, 6, 1}), {2026, 6, 1});
    REQUIRE(t.ok());
    CHECK(t.value().action == action::kStartChange);
    CHECK(t.value().from == FilingStatus::kApproved);
    CHECK(t.value().to == FilingStatus::kPendingSubmit);
    CHECK(t.value().changedFields == Words{"enterpriseName"});
    REQUIRE(f.open);
    CHECK(f.open->type == ApplicationType::kChange);
    CHECK(f.open->number == 2);
    CHECK(f.open->status == ApplicationStatus::kPendingSubmit);
    CHECK(f.open->form == changed);
    CHECK(f.open->attachments == approved.application.attachments);
    CHECK(*f.approved == approved);
    CHECK(rowStatus(f, {2026, 6, 1}) == FilingStatus::kPendingSubmit);
    CHECK(rowApplicationType(f) == ApplicationType::kChange);
    CHECK(inForce(f, {2026, 6, 1}));  // the approved data stays in force meanwhile
    CHECK(filingDaysToExpiry(f, {2026, 6, 1}) == daysBetween({2026, 6, 1}, {2027, 2, 28}));
    CHECK(words(allowedActions(f, {2026, 6, 1})) == Words{"edit", "delete", "submit", "detail"});

    // replacing a file in the change leaves the approved one untouched
    Attachment replacement = attachment("license_copy", 'f', 99);
    REQUIRE(putAttachment(f, replacement, {2026, 6, 1}).ok());
    CHECK(f.open->attachments.at("license_copy") == replacement);
    CHECK(f.approved->application.attachments.at("license_copy") ==
          approved.application.attachments.at("license_copy"));
    REQUIRE(removeAttachment(f, "official_seal", at({2026, 6, 1}), {2026, 6, 1}).ok());
    CHECK(f.approved->application.attachments.count("official_seal") == 1);
  }
  SECTION("one open change at a time") {
    Filing f = withOpenChange();
    const Filing before = f;
    CHECK(codeOf(startChange(f, completeForm(), at(kToday, 16), kToday)) == ErrorCode::kOpenApplicationExists);
    CHECK(f == before);
  }
  SECTION("only while in force") {
    auto refused = [](Filing f, CalendarDate day) {
      const Filing before = f;
      CHECK(codeOf(startChange(f, completeForm(), at(day, 16), day)) == ErrorCode::kConflict);
      CHECK(f == before);
    };
    refused(pendingFiling(), kToday);
    refused(submittedFiling(), kToday);
    refused(approvedFiling(), {2027, 3, 1});  // the day after validUntil
    Filing superseded = approvedFiling();
    supersede(superseded, at(kToday, 16), kToday);
    refused(superseded, kToday);
    refused(voidFiling(), kToday);
  }
  SECTION("allowed on the last valid day") {
    Filing f = approvedFiling();
    CHECK(startChange(f, completeForm(), at({2027, 2, 28}, 23), {2027, 2, 28}).ok());
  }
  SECTION("the USCC is fixed: a form naming another enterprise is refused before any change") {
    FormData other = with(completeForm(), "uscc", std::string{"91110000600037341L"});
    auto errors = checkUsccOwnership(other, kUscc);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "uscc");
    CHECK(errors[0].code == field_code::kMismatch);
    CHECK(checkUsccOwnership(completeForm(), kUscc).empty());
  }
  SECTION("approved at re-review, the change replaces the approved data and keeps validUntil") {
    Filing f = withOpenChange({2026, 6, 1});
    const Application oldApproved = f.approved->application;
    const FormData changedForm = f.open->form;
    const CalendarDate later{2026, 9, 15};
    REQUIRE(submitOpen(f, at(later, 9), later).ok());
    CHECK(rowStatus(f, later) == FilingStatus::kPendingReview);
    REQUIRE(decide(f, reviewerAct(), at(later, 10), later).ok());
    auto t = decide(f, recheckerAct(), at(later, 11), later);
    REQUIRE(t.ok());
    CHECK(actionsOf(t.value()) == Words{action::kRecheckApprove});
    CHECK_FALSE(f.open);
    REQUIRE(f.approved);
    CHECK(f.approved->application.type == ApplicationType::kChange);
    CHECK(f.approved->application.number == 2);
    CHECK(f.approved->application.form == changedForm);
    CHECK(f.approved->approvedAt == at(later, 11));
    CHECK(f.approved->validUntil == CalendarDate{2027, 2, 28});  // unchanged
    REQUIRE_FALSE(f.closed.empty());
    CHECK(f.closed.back() == oldApproved);
    CHECK(rowStatus(f, later) == FilingStatus::kApproved);
    CHECK(rowApplicationType(f) == ApplicationType::kChange);
    CHECK(filingDaysToExpiry(f, later) == daysBetween(later, {2027, 2, 28}));
  }
  SECTION("a rejected change keeps the approved data in force") {
    Filing f = withOpenChange();
    REQUIRE(submitOpen(f, at(kToday, 14), kToday).ok());
    REQUIRE(decide(f, reviewerAct(ReviewDecision::kReject, "名称变更无依据"), at(kToday, 15), kToday).ok());
    CHECK(rowStatus(f, kToday) == FilingStatus::kRejected);
    CHECK(inForce(f, kToday));
    CHECK(f.approved->application.form == completeForm());
  }
}

TEST_CASE("putAttachment and removeAttachment on the open editable application") {
  SECTION("put stores and replaces a slot; remove empties it") {
    Filing f = newFiling(kUscc, completeForm(), at(kToday, 9));
    Attachment first = attachment("license_original", 'a', 1);
    auto t = putAttachment(f, first, kToday);
    REQUIRE(t.ok());
    CHECK(t.value().action == action::kAttachmentPut);
    CHECK(t.value().changedFields == Words{"attachments.license_original"});
    CHECK(t.value().from == FilingStatus::kPendingSubmit);
    CHECK(t.value().to == FilingStatus::kPendingSubmit);
    CHECK(f.open->attachments.at("license_original") == first);
    CHECK(f.open->savedAt == first.uploadedAt);

    Attachment second = attachment("license_original", 'b', 2);
    REQUIRE(putAttachment(f, second, kToday).ok());
    CHECK(f.open->attachments.size() == 1);
    CHECK(f.open->attachments.at("license_original").blobId == 2);

    auto r = removeAttachment(f, "license_original", at(kToday, 11), kToday);
    REQUIRE(r.ok());
    CHECK(r.value().action == action::kAttachmentDelete);
    CHECK(r.value().changedFields == Words{"attachments.license_original"});
    CHECK(f.open->attachments.empty());
    CHECK(f.open->savedAt == at(kToday, 11));
    CHECK(codeOf(removeAttachment(f, "license_original", at(kToday, 12), kToday)) == ErrorCode::kNotFound);
  }
  SECTION("a file put into a REJECTED application returns it to PENDING_SUBMIT") {
    Filing f = rejectedFiling();
    auto t = putAttachment(f, attachment("official_seal", 'c', 7), kToday);
    REQUIRE(t.ok());
    CHECK(t.value().from == FilingStatus::kRejected);
    CHECK(rowStatus(f, kToday) == FilingStatus::kPendingSubmit);
  }
  SECTION("refused while in review, approved without a change, lapsed, void") {
    for (auto [f, day] : std::vector<std::pair<Filing, CalendarDate>>{{submittedFiling(), kToday},
                                                                      {inRecheck(), kToday},
                                                                      {approvedFiling(), kToday},
                                                                      {withOpenChange(), {2027, 3, 1}},
                                                                      {voidFiling(), kToday}}) {
      const Filing before = f;
      CHECK(codeOf(putAttachment(f, attachment("official_seal", 'c', 7), day)) == ErrorCode::kConflict);
      CHECK(codeOf(removeAttachment(f, "license_copy", at(day, 12), day)) == ErrorCode::kConflict);
      CHECK(f == before);
    }
  }
}

TEST_CASE("revoke: the ministry voids a filing in force") {
  SECTION("an approved filing becomes VOID") {
    Filing f = approvedFiling();
    auto t = revoke(f, "违规经营", at(kToday, 15), kToday);
    REQUIRE(t.ok());
    CHECK(actionsOf(t.value()) == Words{action::kRevoke});
    CHECK(t.value()[0].from == FilingStatus::kApproved);
    CHECK(t.value()[0].to == FilingStatus::kVoid);
    CHECK(t.value()[0].note == "违规经营");
    CHECK(f.voidReason == "违规经营");
    CHECK(rowStatus(f, kToday) == FilingStatus::kVoid);
    CHECK_FALSE(inForce(f, kToday));
    CHECK_FALSE(filingDaysToExpiry(f, kToday));
    CHECK(words(allowedActions(f, kToday)) == Words{"detail"});
  }
  SECTION("an open change is closed as VOID, as a transition of its own, first") {
    Filing f = withOpenChange();
    REQUIRE(submitOpen(f, at(kToday, 14), kToday).ok());
    auto t = revoke(f, "违规经营", at(kToday, 15), kToday);
    REQUIRE(t.ok());
    CHECK(actionsOf(t.value()) == Words{action::kVoidChange, action::kRevoke});
    CHECK(t.value()[0].from == FilingStatus::kPendingReview);
    CHECK(t.value()[0].to == FilingStatus::kVoid);
    CHECK(t.value()[0].application == 2);  // the voided change
    CHECK(t.value()[1].application == 0);  // the filing's current application
    CHECK(t.value()[1].to == FilingStatus::kVoid);
    CHECK_FALSE(f.open);
    REQUIRE_FALSE(f.closed.empty());
    CHECK(f.closed.back().type == ApplicationType::kChange);
    CHECK(f.closed.back().status == ApplicationStatus::kVoid);
    CHECK_FALSE(f.closed.back().stage);
    CHECK(rowStatus(f, kToday) == FilingStatus::kVoid);
    CHECK(rowApplicationType(f) == ApplicationType::kChange);  // the row's latest application
  }
  SECTION("a reason is required") {
    for (std::string reason : {"", "  \n"}) {
      Filing f = approvedFiling();
      const Filing before = f;
      auto t = revoke(f, reason, at(kToday, 15), kToday);
      REQUIRE(codeOf(t) == ErrorCode::kValidation);
      CHECK(fieldsOf(t.error()) == Words{"reason"});
      CHECK(f == before);
    }
  }
  SECTION("refused when not in force") {
    auto refused = [](Filing f, CalendarDate day) {
      const Filing before = f;
      CHECK(codeOf(revoke(f, "原因", at(day, 15), day)) == ErrorCode::kConflict);
      CHECK(f == before);
    };
    refused(pendingFiling(), kToday);
    refused(submittedFiling(), kToday);
    refused(approvedFiling(), {2027, 3, 1});
    refused(voidFiling(), kToday);
    Filing superseded = approvedFiling();
    supersede(superseded, at(kToday, 16), kToday);
    refused(superseded, kToday);
  }
}

TEST_CASE("lapseIfDue: the day after validUntil the filing reads LAPSED at once and is then marked") {
  const CalendarDate lastDay{2027, 2, 28};
  const CalendarDate dayAfter{2027, 3, 1};
  SECTION("an approved filing") {
    Filing f = approvedFiling();
    CHECK(rowStatus(f, lastDay) == FilingStatus::kApproved);
    CHECK(filingDaysToExpiry(f, lastDay) == 0);
    CHECK(lapseIfDue(f, at(lastDay, 23), lastDay).empty());
    CHECK_FALSE(f.lapsed);

    // read on the day after, before anything was written
    CHECK(rowStatus(f, dayAfter) == FilingStatus::kLapsed);
    CHECK_FALSE(inForce(f, dayAfter));
    CHECK_FALSE(filingDaysToExpiry(f, dayAfter));
    CHECK(words(allowedActions(f, dayAfter)) == Words{"detail"});

    auto t = lapseIfDue(f, at(dayAfter, 0), dayAfter);
    REQUIRE(t.size() == 1);
    CHECK(t[0].action == action::kLapse);
    CHECK(t[0].from == FilingStatus::kApproved);
    CHECK(t[0].to == FilingStatus::kLapsed);
    CHECK(f.lapsed == LapseReason::kExpired);
    CHECK(rowStatus(f, dayAfter) == FilingStatus::kLapsed);
    CHECK(lapseIfDue(f, at(dayAfter, 1), dayAfter).empty());  // once
  }
  SECTION("an open change is voided with it") {
    Filing f = withOpenChange();
    REQUIRE(submitOpen(f, at(kToday, 14), kToday).ok());
    CHECK(rowStatus(f, dayAfter) == FilingStatus::kLapsed);
    auto t = lapseIfDue(f, at(dayAfter, 0), dayAfter);
    CHECK(actionsOf(t) == Words{action::kVoidChange, action::kLapse});
    CHECK(t[0].application == 2);
    CHECK(t[0].from == FilingStatus::kPendingReview);
    CHECK(t[0].to == FilingStatus::kVoid);
    CHECK(t[1].to == FilingStatus::kLapsed);
    CHECK_FALSE(f.open);
    CHECK(f.closed.back().type == ApplicationType::kChange);
    CHECK(f.closed.back().status == ApplicationStatus::kVoid);
    CHECK(f.approved->application.form == completeForm());
    CHECK(rowStatus(f, dayAfter) == FilingStatus::kLapsed);
    CHECK(rowApplicationType(f) == ApplicationType::kChange);  // the row's latest application
  }
  SECTION("nothing to do for filings never approved, void, deleted or already lapsed") {
    Filing pending = pendingFiling();
    CHECK(lapseIfDue(pending, at(dayAfter), dayAfter).empty());
    Filing v = voidFiling();
    CHECK(lapseIfDue(v, at(dayAfter), dayAfter).empty());
    CHECK(rowStatus(v, dayAfter) == FilingStatus::kVoid);
    Filing superseded = approvedFiling();
    supersede(superseded, at(kToday, 16), kToday);
    CHECK(lapseIfDue(superseded, at(dayAfter), dayAfter).empty());
    CHECK(superseded.lapsed == LapseReason::kSuperseded);
  }
}

TEST_CASE("supersede: a later approved 新增 makes an earlier filing LAPSED") {
  SECTION("approved") {
    Filing f = approvedFiling();
    auto t = supersede(f, at(kToday, 16), kToday);
    CHECK(actionsOf(t) == Words{action::kSupersede});
    CHECK(t[0].from == FilingStatus::kApproved);
    CHECK(t[0].to == FilingStatus::kLapsed);
    CHECK(f.lapsed == LapseReason::kSuperseded);
    CHECK(rowStatus(f, kToday) == FilingStatus::kLapsed);  // long before validUntil
    CHECK_FALSE(filingDaysToExpiry(f, kToday));
    CHECK(supersede(f, at(kToday, 17), kToday).empty());
  }
  SECTION("with an open change, which is voided") {
    Filing f = withOpenChange();
    auto t = supersede(f, at(kToday, 16), kToday);
    CHECK(actionsOf(t) == Words{action::kVoidChange, action::kSupersede});
    CHECK(t[0].application == 2);
    CHECK_FALSE(f.open);
    CHECK(f.closed.back().status == ApplicationStatus::kVoid);
  }
  SECTION("not in force: nothing") {
    Filing pending = pendingFiling();
    CHECK(supersede(pending, at(kToday, 16), kToday).empty());
    Filing v = voidFiling();
    CHECK(supersede(v, at(kToday, 16), kToday).empty());
    CHECK_FALSE(v.lapsed);
  }
}

TEST_CASE("rowStatus precedence: VOID > LAPSED > the open application's status > APPROVED") {
  Filing f = withOpenChange();
  REQUIRE(submitOpen(f, at(kToday, 14), kToday).ok());
  CHECK(rowStatus(f, kToday) == FilingStatus::kPendingReview);  // open status over APPROVED
  f.open->status = ApplicationStatus::kRejected;
  CHECK(rowStatus(f, kToday) == FilingStatus::kRejected);
  f.open.reset();
  CHECK(rowStatus(f, kToday) == FilingStatus::kApproved);

  Filing g = withOpenChange();
  CHECK(rowStatus(g, {2027, 3, 1}) == FilingStatus::kLapsed);  // LAPSED by date over the open status
  g.lapsed = LapseReason::kExpired;
  CHECK(rowStatus(g, kToday) == FilingStatus::kLapsed);  // LAPSED as marked
  g.voidReason = "撤销";
  CHECK(rowStatus(g, kToday) == FilingStatus::kVoid);  // VOID over LAPSED
  CHECK(rowStatus(g, {2027, 3, 1}) == FilingStatus::kVoid);
}

TEST_CASE("actionsFor is docs/PRODUCT.md §5's table") {
  CHECK(words(actionsFor(FilingStatus::kPendingSubmit)) == Words{"edit", "delete", "submit", "detail"});
  CHECK(words(actionsFor(FilingStatus::kPendingReview)) == Words{"detail"});
  CHECK(words(actionsFor(FilingStatus::kApproved)) == Words{"detail", "change"});
  CHECK(words(actionsFor(FilingStatus::kRejected)) == Words{"edit", "delete", "submit", "detail"});
  CHECK(words(actionsFor(FilingStatus::kLapsed)) == Words{"detail"});
  CHECK(words(actionsFor(FilingStatus::kVoid)) == Words{"detail"});
  for (auto status : allFilingStatuses()) CHECK_FALSE(actionsFor(status).empty());

  SECTION("allowedActions of real filings in each status") {
    CHECK(words(allowedActions(pendingFiling(), kToday)) == Words{"edit", "delete", "submit", "detail"});
    CHECK(words(allowedActions(submittedFiling(), kToday)) == Words{"detail"});
    CHECK(words(allowedActions(inRecheck(), kToday)) == Words{"detail"});
    CHECK(words(allowedActions(rejectedFiling(), kToday)) == Words{"edit", "delete", "submit", "detail"});
    CHECK(words(allowedActions(approvedFiling(), kToday)) == Words{"detail", "change"});
    CHECK(words(allowedActions(approvedFiling(), {2027, 3, 1})) == Words{"detail"});
    CHECK(words(allowedActions(voidFiling(), kToday)) == Words{"detail"});
    CHECK(words(allowedActions(withOpenChange(), kToday)) == Words{"edit", "delete", "submit", "detail"});
  }
}

TEST_CASE("filingDaysToExpiry: validUntil − today while in force, else null") {
  Filing f = approvedFiling();  // valid until 2027-02-28
  CHECK(filingDaysToExpiry(f, kToday) == 364);
  CHECK(filingDaysToExpiry(f, {2027, 2, 1}) == 27);
  CHECK(filingDaysToExpiry(f, {2027, 2, 27}) == 1);
  CHECK(filingDaysToExpiry(f, {2027, 2, 28}) == 0);
  CHECK_FALSE(filingDaysToExpiry(f, {2027, 3, 1}));
  CHECK_FALSE(filingDaysToExpiry(pendingFiling(), kToday));
  CHECK_FALSE(filingDaysToExpiry(submittedFiling(), kToday));
  CHECK_FALSE(filingDaysToExpiry(voidFiling(), kToday));
  CHECK(filingDaysToExpiry(withOpenChange(), kToday) == 364);
}

// --- history events -----------------------------------------------------------------------------

namespace {

HistoryEvent sampleEvent() {
  HistoryEvent e;
  e.seq = 1;
  e.at = Instant(std::chrono::days(toDayNumber(kToday))) + 1h + 30min + 123ms;  // 09:30:00.123 in Shanghai
  e.actor = {"u-1", "zhang", "张三"};
  e.action = action::kCreate;
  e.application = 1;
  e.toStatus = FilingStatus::kPendingSubmit;
  e.changedFields = {"address.city", "contact.mobile"};
  e.note = "说明 \"引号\" \\ 第二行\n\t末";
  e.prevHash = kGenesisHash;
  e.hash = "must not appear";
  return e;
}

// Checks that every object's keys are in byte order and that no whitespace stands outside strings.
void checkCanonical(const std::string& json) {
  std::vector<std::string> lastKey;  // per open object
  std::vector<char> open;
  bool inString = false;
  std::string current;
  std::string lastString;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (inString) {
      if (c == '\\') {
        current += c;
        current += json[++i];
      } else if (c == '"') {
        inString = false;
        lastString = current;
      } else {
        current += c;
      }
      continue;
    }
    INFO("at offset " << i << " of " << json);
    REQUIRE(c != ' ');
    REQUIRE(c != '\n');
    REQUIRE(c != '\t');
    switch (c) {
      case '"':
        inString = true;
        current.clear();
        break;
      case '{':
      case '[':
        open.push_back(c);
        lastKey.emplace_back();
        break;
      case '}':
      case ']':
        open.pop_back();
        lastKey.pop_back();
        break;
      case ':':
        REQUIRE(open.back() == '{');
        CHECK(lastKey.back() < lastString);
        lastKey.back() = lastString;
        break;
      default: break;
    }
  }
  CHECK(open.empty());
  CHECK_FALSE(inString);
}

// A stand-in hash for the chain tests (not SHA-256; the chaining is what is tested here).
class FakeHasher final : public ucf::app::Hasher {
 public:
  [[nodiscard]] std::string sha256Hex(std::string_view data) const override {
    std::string hex = std::to_string(std::hash<std::string_view>{}(data));
    return std::string(64 - hex.size(), 'f') + hex;
  }
};

// A transaction that only keeps history events.
class EventLog final : public ucf::app::FilingTransaction {
 public:
  std::vector<HistoryEvent> events;

  std::optional<Filing> load(std::int64_t) override { return std::nullopt; }
  void insert(Filing&, const ucf::app::FilingSummary&) override {}
  void save(const Filing&, const ucf::app::FilingSummary&, std::int64_t) override {}
  std::vector<std::int64_t> approvedFilingsOf(const std::string&, std::int64_t, CalendarDate) override { return {}; }
  bool hasOpenNew(const std::string&, const std::string&) override { return false; }
  std::optional<std::pair<std::int64_t, std::string>> lastEvent(std::int64_t) override {
    if (events.empty()) return std::nullopt;
    return std::make_pair(events.back().seq, events.back().hash);
  }
  void appendEvent(std::int64_t, const HistoryEvent& event) override { events.push_back(event); }
  void appendFormVersion(std::int64_t, const Application&, const Actor&, Instant) override {}
  void appendNotification(const ucf::app::OutgoingNotification&) override {}
  bool recordReminder(std::int64_t, CalendarDate, int, Instant) override { return false; }
  std::int64_t storeBlob(const ucf::app::SpooledFile&, const std::string&) override { return 0; }
  void commit() override {}
};

}  // namespace

TEST_CASE("canonicalJson: keys sorted, no spaces, non-ASCII as itself, no hash") {
  const HistoryEvent e = sampleEvent();
  const std::string json = canonicalJson(e);
  CHECK(json ==
        "{\"action\":\"create\",\"actor\":{\"account\":\"zhang\",\"displayName\":\"张三\",\"userId\":\"u-1\"},"
        "\"application\":1,\"at\":\"2026-03-01T09:30:00.123+08:00\","
        "\"changedFields\":[\"address.city\",\"contact.mobile\"],\"fromStatus\":null,"
        "\"note\":\"说明 \\\"引号\\\" \\\\ 第二行\\n\\t末\","
        "\"prevHash\":\"0000000000000000000000000000000000000000000000000000000000000000\","
        "\"seq\":1,\"toStatus\":\"PENDING_SUBMIT\"}");
  checkCanonical(json);
  CHECK(json.find("\\u") == std::string::npos);
  CHECK(json.find("must not appear") == std::string::npos);
  CHECK(json.find("\"hash\"") == std::string::npos);

  SECTION("control characters are escaped, the rest passes through") {
    HistoryEvent x = e;
    x.note = std::string("a\x01z\x7f") + "é";
    CHECK(canonicalJson(x).find("\"note\":\"a\\u0001z\x7f"
                                "é\"") != std::string::npos);
  }
  SECTION("statuses and an empty list") {
    HistoryEvent x = e;
    x.fromStatus = FilingStatus::kPendingReview;
    x.toStatus = FilingStatus::kApproved;
    x.changedFields.clear();
    x.seq = 12;
    const std::string j = canonicalJson(x);
    CHECK(j.find("\"changedFields\":[],\"fromStatus\":\"PENDING_REVIEW\"") != std::string::npos);
    CHECK(j.find("\"seq\":12,\"toStatus\":\"APPROVED\"}") != std::string::npos);
    checkCanonical(j);
  }
  SECTION("the hash input is prevHash, a newline, then the canonical JSON") {
    CHECK(hashInput(e) == std::string(64, '0') + "\n" + json);
  }
}

TEST_CASE("HistoryRecorder chains events from 64 zeros and verify names the first broken one") {
  FakeHasher hasher;
  ucf::app::HistoryRecorder recorder(hasher);
  EventLog log;
  const Actor who{"u-1", "zhang", "张三"};
  recorder.record(log, 7, 1, who,
                  {{action::kCreate, FilingStatus::kPendingSubmit, FilingStatus::kPendingSubmit, {}, ""}},
                  at(kToday, 9));
  recorder.record(log, 7, 1, who,
                  {{action::kSave, FilingStatus::kPendingSubmit, FilingStatus::kPendingSubmit, {"address.city"}, ""},
                   {action::kSubmit, FilingStatus::kPendingSubmit, FilingStatus::kPendingReview, {}, ""}},
                  at(kToday, 10));
  REQUIRE(log.events.size() == 3);
  CHECK(log.events[0].application == 1);
  CHECK(kGenesisHash == std::string(64, '0'));
  CHECK(log.events[0].prevHash == kGenesisHash);
  CHECK_FALSE(log.events[0].fromStatus);  // a creation has no status before it
  CHECK(log.events[1].fromStatus == FilingStatus::kPendingSubmit);
  for (std::size_t i = 0; i < log.events.size(); ++i) {
    CHECK(log.events[i].seq == static_cast<std::int64_t>(i + 1));
    CHECK(log.events[i].hash == hasher.sha256Hex(hashInput(log.events[i])));
    if (i > 0) CHECK(log.events[i].prevHash == log.events[i - 1].hash);
  }
  auto v = recorder.verify(log.events);
  CHECK(v.ok);
  CHECK(v.events == 3);
  CHECK_FALSE(v.firstBrokenSeq);

  SECTION("an event about another application than the current one keeps its number") {
    Transition voided{action::kVoidChange, FilingStatus::kPendingSubmit, FilingStatus::kVoid, {}, "", 3};
    recorder.record(log, 7, 2, who, {voided, {action::kRevoke, FilingStatus::kApproved, FilingStatus::kVoid, {}, "x"}},
                    at(kToday, 11));
    REQUIRE(log.events.size() == 5);
    CHECK(log.events[3].application == 3);
    CHECK(log.events[4].application == 2);
    CHECK(recorder.verify(log.events).ok);
  }
  SECTION("changed content") {
    auto events = log.events;
    events[1].note = "篡改";
    auto broken = recorder.verify(events);
    CHECK_FALSE(broken.ok);
    CHECK(broken.firstBrokenSeq == 2);
  }
  SECTION("a removed event") {
    auto events = log.events;
    events.erase(events.begin() + 1);
    CHECK(recorder.verify(events).firstBrokenSeq == 3);
  }
  SECTION("a recomputed hash breaks the next link") {
    auto events = log.events;
    events[0].note = "篡改";
    events[0].hash = hasher.sha256Hex(hashInput(events[0]));
    CHECK(recorder.verify(events).firstBrokenSeq == 2);
  }
}
