// StatsService (docs/PRODUCT.md §10): scopes, the months and the median, through the in-memory store.
#include <catch2/catch.hpp>

#include "tests/support/memory_services.hpp"

using namespace ucf;
using namespace ucf::test;
using domain::ErrorCode;
using domain::FilingStatus;

namespace {

std::int64_t countOf(const app::StatsReport& r, FilingStatus status) {
  for (const auto& [s, n] : r.byStatus) {
    if (s == status) return n;
  }
  FAIL("no " << domain::toString(status) << " in byStatus");
  return -1;
}

domain::HistoryEvent event(const char* action, domain::Instant at) {
  domain::HistoryEvent e;
  e.action = action;
  e.at = at;
  return e;
}

}  // namespace

TEST_CASE("app stats: enterprises 403, a code that names no province 422 naming provinceCode") {
  MemoryServices s;
  CHECK(codeOf(s.stats.report(enterpriseCaller(), std::nullopt)) == ErrorCode::kForbidden);
  auto bad = s.stats.report(supervisorCaller(), std::string("999999"));
  REQUIRE(codeOf(bad) == ErrorCode::kValidation);
  REQUIRE(bad.error().fields.size() == 1);
  CHECK(bad.error().fields[0].field == "provinceCode");
}

TEST_CASE("app stats: counts by status and province agree with the list in the same scope") {
  MemoryServices s;
  s.approved(enterpriseCaller());
  s.submitted(enterpriseCaller(usccNumber(1)));
  auto rejected = s.submitted(enterpriseCaller(usccNumber(2)));
  must(s.reviews.decide(reviewerCaller(), rejected.id, domain::ReviewDecision::kReject, "不全", {}, rejected.version));
  must(s.filings.create(enterpriseCaller(usccNumber(3)),
                        completeForm(domain::EnterpriseCategory::kManufacturer, usccNumber(3)), domain::SaveMode::kSave,
                        {}));  // a draft

  auto report = must(s.stats.report(reviewerCaller(), std::nullopt));
  for (FilingStatus status : domain::allFilingStatuses()) {
    app::ReviewListQuery q;
    q.status = status;
    q.limit = 100;
    CHECK(countOf(report, status) == static_cast<std::int64_t>(must(s.reviews.list(reviewerCaller(), q)).items.size()));
  }
  REQUIRE(report.byProvince.size() == 1);
  CHECK(report.byProvince[0].provinceCode == "350000");
  CHECK(report.byProvince[0].approvedInForce == 1);
  CHECK(report.byProvince[0].pendingReview == 1);
  CHECK(report.byProvince[0].rejected == 1);
  CHECK(report.byProvince[0].expiringWithin30 == 0);

  auto elsewhere = must(s.stats.report(authorityCaller("rev-bj", true, false, "110000"), std::nullopt));
  REQUIRE(elsewhere.byProvince.size() == 1);
  CHECK(elsewhere.byProvince[0].pendingReview == 0);
  auto asked = must(s.stats.report(reviewerCaller(), std::string("110000")));  // another province: empty
  CHECK(countOf(asked, FilingStatus::kPendingReview) == 0);
}

TEST_CASE("app stats: a filing in force within 30 days of its end counts as expiring") {
  MemoryServices s;
  s.approved(enterpriseCaller());        // valid until 2027-02-28
  s.clock.set(shanghai({2027, 1, 29}));  // 30 days before
  auto report = must(s.stats.report(supervisorCaller(), std::nullopt));
  REQUIRE(report.byProvince.size() == 1);
  CHECK(report.byProvince[0].expiringWithin30 == 1);
  s.clock.set(shanghai({2027, 1, 28}));
  CHECK(must(s.stats.report(supervisorCaller(), std::nullopt)).byProvince[0].expiringWithin30 == 0);
}

TEST_CASE("app stats: twelve months ending with this one, zeros included, and the median review days") {
  MemoryServices s;
  s.approved(enterpriseCaller());  // submitted and approved at the same instant: 0 days
  auto report = must(s.stats.report(supervisorCaller(), std::nullopt));
  REQUIRE(report.approvalsByMonth.size() == 12);
  CHECK(report.approvalsByMonth.front().year == 2025);
  CHECK(report.approvalsByMonth.front().month == 4);
  CHECK(report.approvalsByMonth.back().year == 2026);
  CHECK(report.approvalsByMonth.back().month == 3);
  CHECK(report.approvalsByMonth.back().count == 1);
  CHECK(report.approvalsByMonth[10].count == 0);
  REQUIRE(report.medianReviewDays);
  CHECK(*report.medianReviewDays == 0.0);
}

TEST_CASE("app stats: each round from a submission to its final decision counts; older than 90 days does not") {
  namespace action = domain::history_action;
  const auto now = shanghai({2026, 6, 30});
  const auto day = std::chrono::hours(24);
  // Filing A: submitted, rejected after 2 days, resubmitted, approved (first review then recheck) after 5.
  // Filing B: submitted and approved after 4 days, but 100 days ago.
  std::vector<std::vector<domain::HistoryEvent>> histories{
      {event(action::kSubmit, now - 20 * day), event(action::kReviewReject, now - 18 * day),
       event(action::kSubmit, now - 10 * day), event(action::kReviewApprove, now - 8 * day),
       event(action::kRecheckApprove, now - 5 * day)},
      {event(action::kSubmit, now - 104 * day), event(action::kRecheckApprove, now - 100 * day)}};
  app::StatsReport report;
  app::addHistoryFigures(report, histories, now);
  REQUIRE(report.medianReviewDays);
  CHECK(*report.medianReviewDays == 3.5);            // rounds of 2 and 5 days
  CHECK(report.approvalsByMonth.back().count == 1);  // June
  CHECK(report.approvalsByMonth[8].count == 1);      // March, 100 days back
  app::StatsReport none;
  app::addHistoryFigures(none, {}, now);
  CHECK_FALSE(none.medianReviewDays);
}
