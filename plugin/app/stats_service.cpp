#include "plugin/app/stats_service.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "plugin/app/review_service.hpp"
#include "plugin/domain/filing_lifecycle.hpp"
#include "plugin/domain/form_definition.hpp"

namespace ucf::app {
namespace {

using domain::FilingStatus;
namespace action = domain::history_action;

constexpr auto kMedianWindow = std::chrono::days(90);
// The histories read reach back past both windows: 12 months of approvals, 90 days of reviews.
constexpr auto kHistoryWindow = std::chrono::days(400);

void addCounts(StatsReport& report, const std::vector<ProvinceStatusCount>& counts,
               const std::optional<std::string>& province) {
  std::map<FilingStatus, std::int64_t> byStatus;
  std::map<std::string, ProvinceFigures> byProvince;
  if (province) byProvince[*province].provinceCode = *province;  // its row even when all zero
  for (const auto& c : counts) {
    byStatus[c.status] += c.count;
    ProvinceFigures& p = byProvince[c.provinceCode];
    p.provinceCode = c.provinceCode;
    p.expiringWithin30 += c.expiringWithin30;
    if (c.status == FilingStatus::kApproved) p.approvedInForce += c.count;
    if (c.status == FilingStatus::kPendingReview) p.pendingReview += c.count;
    if (c.status == FilingStatus::kRejected) p.rejected += c.count;
  }
  for (FilingStatus s : domain::allFilingStatuses()) report.byStatus.emplace_back(s, byStatus[s]);
  for (auto& [code, figures] : byProvince) report.byProvince.push_back(std::move(figures));
}

bool finalDecision(const std::string& a) {
  return a == action::kRecheckApprove || a == action::kReviewReject || a == action::kRecheckReject;
}

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  const double m = values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  return std::round(m * 10) / 10;  // a tenth of a day is as exact as the figure means
}

}  // namespace

void addHistoryFigures(StatsReport& report, const std::vector<std::vector<domain::HistoryEvent>>& histories,
                       domain::Instant now) {
  const domain::CalendarDate thisMonth = domain::shanghaiDateOf(now);
  const int monthIndex = thisMonth.year * 12 + thisMonth.month - 1;
  std::vector<std::int64_t> approvals(12, 0);
  std::vector<double> reviewDays;
  const domain::Instant medianSince = now - kMedianWindow;
  for (const auto& events : histories) {
    // A flag and a value rather than std::optional: GCC 12 at -O3 warns that the optional's value
    // "may be used uninitialized" (a false positive), which -Werror turns into a broken build.
    bool submitted = false;
    domain::Instant submittedAt{};
    for (const auto& e : events) {
      if (e.action == action::kSubmit) {
        submitted = true;
        submittedAt = e.at;
      }
      if (!finalDecision(e.action)) continue;
      if (e.action == action::kRecheckApprove) {
        const domain::CalendarDate d = domain::shanghaiDateOf(e.at);
        const int back = monthIndex - (d.year * 12 + d.month - 1);
        if (back >= 0 && back < 12) ++approvals[static_cast<std::size_t>(11 - back)];
      }
      if (submitted && e.at >= medianSince && e.at <= now) {
        reviewDays.push_back(std::chrono::duration<double, std::ratio<86400>>(e.at - submittedAt).count());
      }
      submitted = false;  // a resubmission starts the next round
    }
  }
  for (int i = 0; i < 12; ++i) {
    const int index = monthIndex - 11 + i;
    report.approvalsByMonth.push_back({index / 12, index % 12 + 1, approvals[static_cast<std::size_t>(i)]});
  }
  report.medianReviewDays = median(std::move(reviewDays));
}

domain::Outcome<StatsReport> StatsService::report(const Caller& caller, std::optional<std::string> provinceCode) {
  if (auto refused = refuseNonAuthority(caller)) return *refused;
  if (provinceCode && !domain::findProvince(*provinceCode)) {
    return domain::invalid({{"provinceCode", domain::field_code::kNotAllowed, "provinceCode 不是省级行政区划代码"}});
  }
  StatsReport report;
  report.asOf = writer_.now();
  const bool otherProvince = !caller.supervisor && provinceCode && *provinceCode != caller.provinceCode;
  if (!caller.supervisor) provinceCode = caller.provinceCode;
  if (otherProvince) {  // out of scope: empty, as the list answers it
    addCounts(report, {}, std::nullopt);
    addHistoryFigures(report, {}, report.asOf);
    return report;
  }
  writer_.sweepLapsed();
  const StatsScope scope{provinceCode, domain::shanghaiDateOf(report.asOf)};
  addCounts(report, stats_.countByProvinceAndStatus(scope), provinceCode);
  addHistoryFigures(report, stats_.historiesChangedSince(scope, report.asOf - kHistoryWindow), report.asOf);
  return report;
}

}  // namespace ucf::app
