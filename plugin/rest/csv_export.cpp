#include "plugin/rest/csv_export.hpp"

#include <memory>
#include <ostream>
#include <stdexcept>

#include "plugin/domain/form_definition.hpp"
#include "plugin/rest/content_disposition.hpp"
#include "plugin/rest/error_response.hpp"

namespace ucf::rest {
namespace {

constexpr int kPageSize = 100;

void csvField(std::ostream& out, std::string_view v) {
  // Quote every field; neutralise spreadsheet formulas (a leading tab or carriage return is
  // dropped by some spreadsheets, exposing what follows as a formula).
  out << '"';
  if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos) out << '\'';
  for (char c : v) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

std::string_view stageLabel(const app::FilingSummary& s, domain::FilingStatus status) {
  if (!s.reviewStage || status != domain::FilingStatus::kPendingReview) return "";
  return *s.reviewStage == domain::ReviewStage::kFirstReview ? "初审" : "复核";
}

void writeRow(std::ostream& out, const app::FilingSummary& s, domain::CalendarDate today) {
  const auto status = app::statusOn(s, today);
  const auto* province = domain::findProvince(s.provinceCode);
  out << s.id;
  for (std::string_view field :
       {domain::labelOf(s.applicationType), std::string_view(s.enterpriseName), std::string_view(s.uscc),
        province ? std::string_view(province->name) : std::string_view(s.provinceCode), domain::labelOf(status),
        stageLabel(s, status)}) {
    out << ',';
    csvField(out, field);
  }
  out << ',';
  csvField(out, s.submittedAt ? domain::toIsoInstant(*s.submittedAt) : "");
  out << ',';
  csvField(out, s.approvedAt ? domain::toIsoInstant(*s.approvedAt) : "");
  out << ',';
  csvField(out, s.validUntil ? domain::toIsoString(*s.validUntil) : "");
  out << "\r\n";
}

// What the stream needs after the handler returned: the services outlive every request.
struct Export {
  app::ReviewService& reviews;
  app::Caller caller;
  app::ReviewListQuery query;
  domain::CalendarDate today;
  app::ReviewListPage page;

  void writeTo(std::ostream& out) {
    out << "\xEF\xBB\xBF";
    out << "备案编号,申请类型,企业名称,统一社会信用代码,所在省份,状态,审核阶段,上报时间,复核时间,有效截止日期\r\n";
    for (;;) {
      for (const auto& s : page.items) writeRow(out, s, today);
      if (!page.nextCursor) break;
      query.beforeId = page.nextCursor;
      auto next = reviews.list(caller, query);
      if (!next.ok()) {
        throw std::runtime_error("CSV export: the page after id " + std::to_string(*query.beforeId) +
                                 " failed: " + next.error().message);
      }
      page = std::move(next.value());
    }
    if (!out) throw std::runtime_error("CSV export: the client stopped reading");
  }
};

}  // namespace

sdk::HttpResponse csvExport(app::ReviewService& reviews, const app::Caller& caller, app::ReviewListQuery query,
                            domain::CalendarDate today) {
  query.limit = kPageSize;
  auto first = reviews.list(caller, query);
  if (!first.ok()) return problemOf(first.error());
  auto state = std::make_shared<Export>(Export{reviews, caller, query, today, std::move(first.value())});
  sdk::HttpResponse response;
  response.status = 200;
  response.with("Content-Type", "text/csv; charset=utf-8")
      .with("Content-Disposition", contentDisposition("二手车备案.csv"));
  response.streamBody = [state](std::ostream& out) { state->writeTo(out); };
  return response;
}

}  // namespace ucf::rest
