#pragma once

// The enterprise list and the authorities' list over a real store, shared by the SQLite and
// PostgreSQL tests (their SQL differs in LIKE escapes, row values and placeholders).

#include <catch2/catch.hpp>

#include <vector>

#include "tests/support/store_fixture.hpp"

namespace ucf::test {

inline std::vector<std::int64_t> idsOf(const std::vector<app::FilingSummary>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& r : rows) out.push_back(r.id);
  return out;
}

/// Filings of three enterprises in several states; checks every filter of both lists.
inline void checkLists(StoreServices& s, TestClock& clock) {
  using domain::FilingStatus;
  using domain::SaveMode;
  using Ids = std::vector<std::int64_t>;
  const app::Caller a = enterpriseCaller();                       // Fujian
  const app::Caller b = enterpriseCaller(kOtherUscc, "b-1");      // Beijing
  const app::Caller c = enterpriseCaller(usccNumber(77), "c-1");  // Fujian, odd name

  clock.set(shanghai(kStartDay));
  const domain::Filing a1 = s.approved(a);  // valid until 2027-02-28

  domain::FormData bForm = completeForm(domain::EnterpriseCategory::kDistributor, kOtherUscc);
  bForm["address.provinceCode"] = std::string{"110000"};
  bForm["enterpriseName"] = std::string{"北京二手车出口有限公司"};
  domain::Filing b1 = must(s.filings.create(b, bForm, SaveMode::kSave, {}));
  b1 = s.uploadAll(b, b1);
  b1 = must(s.filings.submit(b, b1.id, b1.version));

  domain::FormData cForm = completeForm(domain::EnterpriseCategory::kManufacturer, c.uscc);
  cForm["enterpriseName"] = std::string{"厦门_100%二手车公司"};
  domain::Filing c1 = must(s.filings.create(c, cForm, SaveMode::kSave, {}));
  c1 = s.uploadAll(c, c1);
  c1 = must(s.filings.submit(c, c1.id, c1.version));
  c1 = must(s.reviews.decide(reviewerCaller(), c1.id, domain::ReviewDecision::kReject, "材料不清晰", {}, c1.version));

  const domain::Filing a2 = must(s.filings.create(a, {}, SaveMode::kDraft, {}));  // never submitted

  SECTION("the enterprise list: own filings, newest first, with filters and pages") {
    auto all = must(s.filings.list(a, {}));
    CHECK(all.total == 2);
    CHECK(idsOf(all.items) == Ids{a2.id, a1.id});
    app::EnterpriseListQuery q;
    q.status = FilingStatus::kApproved;
    CHECK(idsOf(must(s.filings.list(a, q)).items) == Ids{a1.id});
    q.status = FilingStatus::kPendingSubmit;
    CHECK(idsOf(must(s.filings.list(a, q)).items) == Ids{a2.id});
    q.status = FilingStatus::kLapsed;
    CHECK(must(s.filings.list(a, q)).total == 0);
    q = {};
    q.applicationType = domain::ApplicationType::kChange;
    CHECK(must(s.filings.list(a, q)).total == 0);
    q.applicationType = domain::ApplicationType::kNew;
    CHECK(must(s.filings.list(a, q)).total == 2);
    q = {};
    q.pageSize = 1;
    q.page = 2;
    auto second = must(s.filings.list(a, q));
    CHECK(second.total == 2);
    CHECK(idsOf(second.items) == Ids{a1.id});
    q.page = 3;  // past the last page: no rows, and still the total
    auto past = must(s.filings.list(a, q));
    CHECK(past.total == 2);
    CHECK(past.items.empty());
    q.status = FilingStatus::kLapsed;  // nothing matches, on a later page too
    CHECK(must(s.filings.list(a, q)).total == 0);

    q = {};
    q.expiringWithin = 30;
    CHECK(must(s.filings.list(a, q)).total == 0);
    clock.set(shanghai({2027, 2, 10}));
    auto expiring = must(s.filings.list(a, q));
    CHECK(idsOf(expiring.items) == Ids{a1.id});
    q.expiringWithin = 17;
    CHECK(must(s.filings.list(a, q)).total == 0);  // 18 days left
    q.expiringWithin = 18;
    CHECK(must(s.filings.list(a, q)).total == 1);
    clock.set(shanghai({2027, 2, 28}, 23, 59));
    q.expiringWithin = 0;
    CHECK(must(s.filings.list(a, q)).total == 1);  // the last valid day
    clock.set(shanghai({2027, 3, 1}, 0, 0));
    CHECK(must(s.filings.list(a, q)).total == 0);
    q = {};
    q.status = FilingStatus::kLapsed;
    CHECK(idsOf(must(s.filings.list(a, q)).items) == Ids{a1.id});

    CHECK(idsOf(must(s.filings.list(b, {})).items) == Ids{b1.id});
  }
  SECTION("the authorities' list: submitted filings in scope, keyset pages, filters") {
    const app::Caller fujian = reviewerCaller();
    const app::Caller beijing = authorityCaller("rev-bj", true, false, "110000");
    CHECK(idsOf(must(s.reviews.list(fujian, {})).items) == Ids{c1.id, a1.id});  // not the draft, not Beijing's
    CHECK(idsOf(must(s.reviews.list(beijing, {})).items) == Ids{b1.id});
    CHECK(idsOf(must(s.reviews.list(supervisorCaller(), {})).items) == Ids{c1.id, b1.id, a1.id});
    app::ReviewListQuery q;
    q.provinceCode = "110000";
    CHECK(must(s.reviews.list(fujian, q)).items.empty());  // not its province
    CHECK(idsOf(must(s.reviews.list(supervisorCaller(), q)).items) == Ids{b1.id});

    q = {};
    q.stage = domain::ReviewStage::kFirstReview;
    CHECK(idsOf(must(s.reviews.list(supervisorCaller(), q)).items) == Ids{b1.id});
    q = {};
    q.status = FilingStatus::kRejected;
    CHECK(idsOf(must(s.reviews.list(supervisorCaller(), q)).items) == Ids{c1.id});
    q.status = FilingStatus::kApproved;
    CHECK(idsOf(must(s.reviews.list(supervisorCaller(), q)).items) == Ids{a1.id});

    q = {};
    q.text = "100%";
    CHECK(idsOf(must(s.reviews.list(supervisorCaller(), q)).items) == Ids{c1.id});
    q.text = "_";  // a literal underscore, not a wildcard
    CHECK(idsOf(must(s.reviews.list(supervisorCaller(), q)).items) == Ids{c1.id});
    q.text = "%";
    CHECK(idsOf(must(s.reviews.list(supervisorCaller(), q)).items) == Ids{c1.id});
    q.text = "北京";
    CHECK(idsOf(must(s.reviews.list(supervisorCaller(), q)).items) == Ids{b1.id});
    q.text = kOtherUscc.substr(0, 8);
    CHECK(idsOf(must(s.reviews.list(supervisorCaller(), q)).items) == Ids{b1.id});

    q = {};
    q.limit = 2;
    auto page1 = must(s.reviews.list(supervisorCaller(), q));
    CHECK(idsOf(page1.items) == Ids{c1.id, b1.id});
    REQUIRE(page1.nextCursor);
    q.beforeId = *page1.nextCursor;
    auto page2 = must(s.reviews.list(supervisorCaller(), q));
    CHECK(idsOf(page2.items) == Ids{a1.id});
    CHECK_FALSE(page2.nextCursor);

    CHECK(codeOf(s.reviews.list(a, {})) == domain::ErrorCode::kForbidden);
    CHECK(codeOf(s.filings.list(fujian, {})) == domain::ErrorCode::kForbidden);
  }
}

}  // namespace ucf::test
