#pragma once

#include "adapters/persistence/database.hpp"
#include "plugin/app/filing_stats_store.hpp"

namespace ucf::adapters {

/// FilingStatsStore in SQL, one literal text per statement for both engines (`$n` in order,
/// bound by position). Thread-safe.
class SqlFilingStats final : public app::FilingStatsStore {
 public:
  explicit SqlFilingStats(Database& database) : db_(database) {}

  std::vector<app::ProvinceStatusCount> countByProvinceAndStatus(const app::StatsScope& scope) override;
  std::vector<std::vector<domain::HistoryEvent>> historiesChangedSince(const app::StatsScope& scope,
                                                                       domain::Instant since) override;

 private:
  Database& db_;
};

}  // namespace ucf::adapters
