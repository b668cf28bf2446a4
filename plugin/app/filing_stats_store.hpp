#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/domain/calendar_date.hpp"
#include "plugin/domain/filing.hpp"
#include "plugin/domain/filing_status.hpp"
#include "plugin/domain/history_event.hpp"

namespace ucf::app {

/// Which filings the figures cover: those the authorities' list shows (submitted at least once),
/// of one province or nationwide, with row statuses as of `today`.
struct StatsScope {
  std::optional<std::string> provinceCode;
  domain::CalendarDate today;
};

/// How many filings of a province are in a row status on `today`, and how many of those are in
/// force with 0 ≤ daysToExpiry ≤ 30.
struct ProvinceStatusCount {
  std::string provinceCode;
  domain::FilingStatus status = domain::FilingStatus::kPendingReview;
  std::int64_t count = 0;
  std::int64_t expiringWithin30 = 0;
};

/// The reads behind `GET /review/stats` (docs/PRODUCT.md §10), kept apart from FilingStore
/// because they aggregate instead of loading filings. Thread-safe: every call takes its own
/// database session.
class FilingStatsStore {
 public:
  virtual ~FilingStatsStore() = default;

  /// Filings in `scope` counted by province and row status (LAPSED by date included, as the
  /// list's status filter reads it); combinations with no filing are absent.
  virtual std::vector<ProvinceStatusCount> countByProvinceAndStatus(const StatsScope& scope) = 0;
  /// The whole history (ascending seq) of every filing in `scope` changed at or after `since`,
  /// one vector per filing.
  virtual std::vector<std::vector<domain::HistoryEvent>> historiesChangedSince(const StatsScope& scope,
                                                                               domain::Instant since) = 0;
};

}  // namespace ucf::app
