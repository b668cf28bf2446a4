// The authorities' statistics (docs/PRODUCT.md §10): `GET /review/stats`, what the 统计 page draws.
#include <cstdio>

#include "plugin/domain/form_definition.hpp"
#include "plugin/json/json_writer.hpp"
#include "plugin/rest/caller_of.hpp"
#include "plugin/rest/outcome_response.hpp"
#include "plugin/rest/problem.hpp"
#include "plugin/rest/route_groups.hpp"

namespace ucf::rest {
namespace {

std::string monthText(const app::MonthCount& m) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", m.year, m.month);
  return text;
}

void writeProvinces(json::JsonWriter& out, const std::vector<app::ProvinceFigures>& provinces) {
  out.key("byProvince").beginArray();
  for (const auto& p : provinces) {
    const auto* province = domain::findProvince(p.provinceCode);
    out.beginObject().member("provinceCode", p.provinceCode);
    out.member("provinceName", province ? std::string_view(province->name) : std::string_view(p.provinceCode));
    out.member("approvedInForce", p.approvedInForce).member("pendingReview", p.pendingReview);
    out.member("rejected", p.rejected).member("expiringWithin30", p.expiringWithin30).endObject();
  }
  out.endArray();
}

sdk::HttpResponse statsJson(const app::StatsReport& report) {
  json::JsonWriter out;
  out.beginObject().member("asOf", domain::toIsoInstant(report.asOf));
  out.key("byStatus").beginArray();
  for (const auto& [status, count] : report.byStatus) {
    out.beginObject().member("status", domain::toString(status)).member("count", count).endObject();
  }
  out.endArray();
  writeProvinces(out, report.byProvince);
  out.key("approvalsByMonth").beginArray();
  for (const auto& m : report.approvalsByMonth) {
    out.beginObject().member("month", monthText(m)).member("count", m.count).endObject();
  }
  out.endArray();
  out.member("medianReviewDays", report.medianReviewDays);
  return jsonText(200, out.endObject().take());
}

}  // namespace

void addStatsRoutes(std::vector<ApiRoute>& routes, app::StatsService& stats) {
  routes.push_back({.method = "GET",
                    .path = "/review/stats",
                    .summary = "Figures for the authorities: by status, by province, approvals by month, "
                               "median review days",
                    .who = "reviewer, rechecker (their province), supervisor (nationwide or provinceCode)",
                    .queryParams = {"provinceCode"},
                    .statuses = {200, 403, 422},
                    .responseSchema = "Stats",
                    .handle = [&stats](sdk::HttpRequest& req) {
                      std::optional<std::string> province;
                      if (auto p = req.queryParam("provinceCode"); p && !p->empty()) province = std::string(*p);
                      return respond(stats.report(callerOf(*req.principal), province), statsJson);
                    }});
}

}  // namespace ucf::rest
