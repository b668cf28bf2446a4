#pragma once

// `GET /review/stats` (docs/PRODUCT.md §10) through real HTTP, shared by the SQLite test
// (tests/integration/stats_test.cpp) and the PostgreSQL one (tests/postgresql/stats_test.cpp):
// in every scope the counts agree with the review list under the same scope.

#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/test_host.hpp"

namespace ucf::test::stats {

// How many filings the review list shows with `status` (and the extra `query`), every page.
inline std::int64_t listed(HttpClient& who, const std::string& status, const std::string& query) {
  std::int64_t count = 0;
  std::string cursor;
  for (;;) {
    auto page = who.get(std::string(kApi) + "/review/filings?limit=100&status=" + status + query +
                        (cursor.empty() ? "" : "&cursor=" + cursor));
    REQUIRE(page.status == 200);
    const auto body = page.json();
    count += static_cast<std::int64_t>(body.at("items").as_array().size());
    if (body.at("nextCursor").is_null()) return count;
    cursor = std::string(body.at("nextCursor").as_string());
  }
}

// The stats of `who` with `query` (e.g. `?provinceCode=350000`) checked against its list.
inline boost::json::object agreeing(HttpClient& who, const std::string& query = "") {
  auto res = who.get(std::string(kApi) + "/review/stats" + query);
  REQUIRE(res.status == 200);
  auto body = res.json().as_object();
  const std::string listQuery = query.empty() ? "" : "&" + query.substr(1);
  std::map<std::string, std::int64_t> byStatus;
  for (const auto& s : body.at("byStatus").as_array()) {
    const std::string status(s.at("status").as_string());
    byStatus[status] = s.at("count").as_int64();
    INFO("status " << status << query);
    CHECK(byStatus[status] == listed(who, status, listQuery));
  }
  CHECK(byStatus.size() == 6);
  std::int64_t approved = 0, pending = 0, rejected = 0;
  for (const auto& p : body.at("byProvince").as_array()) {
    approved += p.at("approvedInForce").as_int64();
    pending += p.at("pendingReview").as_int64();
    rejected += p.at("rejected").as_int64();
  }
  CHECK(approved == byStatus["APPROVED"]);
  CHECK(pending == byStatus["PENDING_REVIEW"]);
  CHECK(rejected == byStatus["REJECTED"]);
  CHECK(body.at("approvalsByMonth").as_array().size() == 12);
  return body;
}

/// Filings approved, waiting and rejected in Fujian, one waiting in Beijing, a draft nobody
/// submitted; the supervisor nationwide and per province, and reviewers of both provinces,
/// each agree with their list; enterprises 403; a code that names no province 422.
inline void checkStatsAgreeWithList(TestHost& host) {
  const auto port = host.port();
  auto reviewer = authoritySession(port, "stats-rev", {"reviewer"}, "350000");
  auto rechecker = authoritySession(port, "stats-chk", {"rechecker"}, "350000");
  auto bjReviewer = authoritySession(port, "stats-rev-bj", {"reviewer"}, "110000");
  auto supervisor = authoritySession(port, "stats-sup", {"supervisor"}, "");
  auto a = enterpriseSession(port, "stats-a", "91350100M000100Y43");
  auto b = enterpriseSession(port, "stats-b", "91110000600037341L");
  auto c = enterpriseSession(port, "stats-c", "91110108551385082Q");

  approve(reviewer, rechecker, submittedFiling(a));
  submittedFiling(b);
  const long long rejected = submittedFiling(c);
  auto detail = reviewer.get(std::string(kApi) + "/review/filings/" + std::to_string(rejected));
  REQUIRE(reviewer
              .postJson(std::string(kApi) + "/review/filings/" + std::to_string(rejected) + "/decision",
                        boost::json::object{{"decision", "reject"}, {"opinion", "材料不全"}},
                        {{"If-Match", etag(detail)}})
              .status == 200);
  auto bjForm = validForm();
  bjForm["address"].as_object()["provinceCode"] = "110000";
  auto d = enterpriseSession(port, "stats-d", "91110000600037341L");
  auto created = d.postJson(std::string(kApi) + "/filings?mode=save", bjForm);
  REQUIRE(created.status == 201);
  const long long bjId = created.json().at("id").as_int64();
  uploadAllMaterials(d, bjId);
  REQUIRE(d.post(std::string(kApi) + "/filings/" + std::to_string(bjId) + "/submit", "",
                 {{"If-Match", etag(d.get(std::string(kApi) + "/filings/" + std::to_string(bjId)))}})
              .status == 200);
  REQUIRE(
      a.postJson(std::string(kApi) + "/filings?mode=draft", boost::json::object{{"enterpriseName", "草稿"}}).status ==
      201);

  auto nationwide = agreeing(supervisor);
  CHECK(nationwide.at("byProvince").as_array().size() == 2);
  CHECK(nationwide.at("approvalsByMonth").as_array().back().at("count").as_int64() == 1);
  CHECK(nationwide.at("medianReviewDays").is_number());
  auto fujian = agreeing(supervisor, "?provinceCode=350000");
  REQUIRE(fujian.at("byProvince").as_array().size() == 1);
  CHECK(fujian.at("byProvince").as_array()[0].at("provinceName") == "福建省");
  CHECK(fujian.at("byProvince").as_array()[0].at("approvedInForce").as_int64() == 1);
  CHECK(fujian.at("byProvince").as_array()[0].at("pendingReview").as_int64() == 1);
  CHECK(fujian.at("byProvince").as_array()[0].at("rejected").as_int64() == 1);
  agreeing(reviewer);
  auto beijing = agreeing(bjReviewer);
  REQUIRE(beijing.at("byProvince").as_array().size() == 1);
  CHECK(beijing.at("byProvince").as_array()[0].at("pendingReview").as_int64() == 1);
  agreeing(bjReviewer, "?provinceCode=350000");  // another province: empty, like the list

  auto bad = supervisor.get(std::string(kApi) + "/review/stats?provinceCode=999999");
  REQUIRE(bad.status == 422);
  CHECK(bad.json().at("errors").as_array()[0].at("field") == "provinceCode");
  CHECK(a.get(std::string(kApi) + "/review/stats").status == 403);
}

}  // namespace ucf::test::stats
