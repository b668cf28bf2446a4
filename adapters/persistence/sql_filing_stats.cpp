#include "adapters/persistence/sql_filing_stats.hpp"

#include <stdexcept>

#include "adapters/persistence/filing_codec.hpp"
#include "adapters/persistence/statement_cache.hpp"

namespace ucf::adapters {
namespace {

using Poco::Int64;

// Rows the authorities' list shows (ever_submitted = 1), grouped by province, stored status,
// whether the validity passed before today ($1: the list's status filter then reads LAPSED, see
// statusCondition in sql_filing_store.cpp) and whether the filing is in force with
// 0 <= daysToExpiry <= 30 ($2 today, $3 today + 30, as the enterprise list's expiringWithin).
// A province's scope adds its condition before kCountGrouping.
constexpr const char* kCountHead = R"(
SELECT province_code, status,
       CAST(CASE WHEN valid_until IS NOT NULL AND valid_until < $1 THEN 1 ELSE 0 END AS BIGINT) AS lapsed_by_date,
       CAST(CASE WHEN status NOT IN ('VOID', 'LAPSED') AND valid_until >= $2 AND valid_until <= $3
                 THEN 1 ELSE 0 END AS BIGINT) AS expiring,
       COUNT(*)
FROM ucf_filing
WHERE ever_submitted = 1)";
constexpr const char* kCountGrouping = " GROUP BY province_code, status, lapsed_by_date, expiring";

// Every event of the filings the list shows that changed since $1 (epoch ms), by filing and seq;
// a province's scope adds its condition before kHistoryOrder.
constexpr const char* kHistoryHead = R"(
SELECT h.filing_id, h.content, h.hash
FROM ucf_history h JOIN ucf_filing f ON f.id = h.filing_id
WHERE f.ever_submitted = 1 AND f.updated_at >= $1)";
constexpr const char* kHistoryOrder = " ORDER BY h.filing_id, h.seq";

struct CountColumns final : SqlColumns {
  std::vector<std::string> province, status;
  std::vector<Int64> lapsedByDate, expiring, count;
  std::vector<Column> columns() override { return {&province, &status, &lapsedByDate, &expiring, &count}; }
};

struct HistoryRows final : SqlColumns {
  std::vector<Int64> filingId;
  std::vector<std::string> content, hash;
  std::vector<Column> columns() override { return {&filingId, &content, &hash}; }
};

// The row status the list's filter reads: VOID stays, a passed validity reads LAPSED.
domain::FilingStatus rowStatus(const std::string& stored, bool lapsedByDate) {
  auto status = domain::parseFilingStatus(stored);
  if (!status) throw std::runtime_error("ucf_filing.status holds an unknown status: " + stored);
  if (*status != domain::FilingStatus::kVoid && lapsedByDate) return domain::FilingStatus::kLapsed;
  return *status;
}

Int64 epochMillis(domain::Instant at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

}  // namespace

std::vector<app::ProvinceStatusCount> SqlFilingStats::countByProvinceAndStatus(const app::StatsScope& scope) {
  Database::Lease lease = db_.lease();
  const std::string today = domain::toIsoString(scope.today);
  const std::string in30 = domain::toIsoString(domain::addDays(scope.today, 30));
  SqlText q(kCountHead, today, today, in30);
  if (scope.provinceCode) q.add(" AND province_code = ?", *scope.provinceCode);
  q.add(kCountGrouping);
  const auto& c = lease.query<CountColumns>(q);
  std::vector<app::ProvinceStatusCount> out;
  for (std::size_t i = 0; i < c.count.size(); ++i) {
    out.push_back({c.province[i], rowStatus(c.status[i], c.lapsedByDate[i] != 0), c.count[i],
                   c.expiring[i] != 0 ? c.count[i] : 0});
  }
  return out;
}

std::vector<std::vector<domain::HistoryEvent>> SqlFilingStats::historiesChangedSince(const app::StatsScope& scope,
                                                                                     domain::Instant since) {
  Database::Lease lease = db_.lease();
  SqlText q(kHistoryHead, epochMillis(since));
  if (scope.provinceCode) q.add(" AND f.province_code = ?", *scope.provinceCode);
  q.add(kHistoryOrder);
  const auto& h = lease.query<HistoryRows>(q);
  std::vector<std::vector<domain::HistoryEvent>> out;
  for (std::size_t i = 0; i < h.filingId.size(); ++i) {
    if (i == 0 || h.filingId[i] != h.filingId[i - 1]) out.emplace_back();
    out.back().push_back(decodeHistoryEvent(h.content[i], h.hash[i]));
  }
  return out;
}

}  // namespace ucf::adapters
