#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/app/caller.hpp"
#include "plugin/app/filing_stats_store.hpp"
#include "plugin/app/filing_writer.hpp"

namespace ucf::app {

/// The figures of one province.
struct ProvinceFigures {
  std::string provinceCode;
  std::int64_t approvedInForce = 0;  ///< row status APPROVED today (an open change counts by its own status)
  std::int64_t pendingReview = 0;
  std::int64_t rejected = 0;
  std::int64_t expiringWithin30 = 0;  ///< in force, 0 ≤ daysToExpiry ≤ 30
};

/// Approvals (re-review passed, 新增 or 变更) in one Shanghai calendar month.
struct MonthCount {
  int year = 1970;
  int month = 1;
  std::int64_t count = 0;
};

/// What `GET /review/stats` answers (docs/PRODUCT.md §10).
struct StatsReport {
  domain::Instant asOf;
  std::vector<std::pair<domain::FilingStatus, std::int64_t>> byStatus;  ///< every status, zeros included
  std::vector<ProvinceFigures> byProvince;                              ///< by code
  std::vector<MonthCount> approvalsByMonth;  ///< 12 months, oldest first, ending with this month
  std::optional<double> medianReviewDays;    ///< submit → final decision, decisions of the last 90 days
};

/// The authorities' statistics, scoped like their list (review_service.hpp): a reviewer or
/// rechecker sees its province (another province asked for is empty, as in the list), a
/// supervisor all or the province asked for; anyone else 403. Thread-safe.
class StatsService {
 public:
  StatsService(FilingWriter& writer, FilingStatsStore& stats) : writer_(writer), stats_(stats) {}

  /// `provinceCode`: the `?provinceCode=` asked for, if any (a code that names no province → 422).
  domain::Outcome<StatsReport> report(const Caller& caller, std::optional<std::string> provinceCode);

 private:
  FilingWriter& writer_;
  FilingStatsStore& stats_;
};

/// The decisions' figures of histories (one vector of events per filing): approvals per month of
/// the 12 ending with `now`'s month, and the median days from a submission to the final decision
/// on it (rejected in either review, or approved in re-review) for decisions of the 90 days
/// before `now`. Public for the unit tests.
void addHistoryFigures(StatsReport& report, const std::vector<std::vector<domain::HistoryEvent>>& histories,
                       domain::Instant now);

}  // namespace ucf::app
