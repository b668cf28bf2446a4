// ReviewService's rules (docs/PRODUCT.md §5 rules 1 and 5, §6) through the in-memory store.
#include <catch2/catch.hpp>

#include "tests/support/memory_services.hpp"

using namespace ucf;
using namespace ucf::test;
using domain::ErrorCode;
using domain::FilingStatus;
using domain::ReviewDecision;

TEST_CASE("app: enterprises are refused every review use case, their own filings included") {
  MemoryServices s;
  auto f = s.submitted(enterpriseCaller());
  CHECK(codeOf(s.reviews.list(enterpriseCaller(), {})) == ErrorCode::kForbidden);
  CHECK(codeOf(s.reviews.detail(enterpriseCaller(), f.id)) == ErrorCode::kForbidden);
}

TEST_CASE("app: a reviewer sees the submitted filings of its province only") {
  MemoryServices s;
  auto f = s.submitted(enterpriseCaller());
  must(s.filings.create(enterpriseCaller(kOtherUscc),
                        completeForm(domain::EnterpriseCategory::kManufacturer, kOtherUscc), domain::SaveMode::kSave,
                        {}));  // never submitted
  CHECK(must(s.reviews.list(reviewerCaller(), {})).items.size() == 1);
  auto elsewhere = authorityCaller("rev-bj", true, false, "110000");
  CHECK(must(s.reviews.list(elsewhere, {})).items.empty());
  CHECK(codeOf(s.reviews.detail(elsewhere, f.id)) == ErrorCode::kNotFound);
  app::ReviewListQuery otherProvince;
  otherProvince.provinceCode = "110000";
  CHECK(must(s.reviews.list(reviewerCaller(), otherProvince)).items.empty());
}

TEST_CASE("app: a rejection needs an opinion; the stage decides who may act") {
  MemoryServices s;
  auto f = s.submitted(enterpriseCaller());
  CHECK(codeOf(s.reviews.decide(reviewerCaller(), f.id, ReviewDecision::kReject, "", {}, f.version)) ==
        ErrorCode::kValidation);
  CHECK(codeOf(s.reviews.decide(recheckerCaller(), f.id, ReviewDecision::kApprove, "", {}, f.version)) ==
        ErrorCode::kForbidden);
  auto first = must(s.reviews.decide(reviewerCaller(), f.id, ReviewDecision::kApprove, "同意", {}, f.version));
  CHECK(first.open->stage == domain::ReviewStage::kRecheck);
}

TEST_CASE("app: the officer of the first review may not recheck it, even holding both roles") {
  MemoryServices s;
  auto f = s.submitted(enterpriseCaller());
  auto both = authorityCaller("both-1", true, true);
  auto first = must(s.reviews.decide(both, f.id, ReviewDecision::kApprove, "同意", {}, f.version));
  CHECK(codeOf(s.reviews.decide(both, f.id, ReviewDecision::kApprove, "同意", {}, first.version)) ==
        ErrorCode::kForbidden);
  must(s.reviews.decide(recheckerCaller(), f.id, ReviewDecision::kApprove, "同意", {}, first.version));
}

TEST_CASE("app: approval sets validUntil a year less a day on; the day after, the filing reads LAPSED") {
  MemoryServices s;
  auto f = s.approved(enterpriseCaller());
  REQUIRE(f.approved);
  CHECK(f.approved->validUntil == domain::CalendarDate{2027, 2, 28});
  CHECK(must(s.filings.qualification(enterpriseCaller())).qualified);
  s.clock.set(shanghai({2027, 3, 1}));
  app::ReviewListQuery lapsed;
  lapsed.status = FilingStatus::kLapsed;
  CHECK(must(s.reviews.list(reviewerCaller(), lapsed)).items.size() == 1);
  CHECK_FALSE(must(s.filings.qualification(enterpriseCaller())).qualified);
}

TEST_CASE("app: a supervisor voids a filing in force with a reason, and the history chain still verifies") {
  MemoryServices s;
  auto f = s.approved(enterpriseCaller());
  CHECK(codeOf(s.reviews.revoke(reviewerCaller(), f.id, "违规", f.version)) == ErrorCode::kForbidden);
  auto voided = must(s.reviews.revoke(supervisorCaller(), f.id, "违规", f.version));
  CHECK(domain::rowStatus(voided, s.filings.today()) == FilingStatus::kVoid);
  auto verified = must(s.reviews.verifyHistory(supervisorCaller(), f.id));
  CHECK(verified.ok);
  CHECK(verified.events >= 5);
}
