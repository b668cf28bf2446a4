// The authorities' routes (docs/PRODUCT.md §6): the list in scope and its CSV, the detail, the
// history check, decisions and 撤销. FilingApi puts the 403 for non-authorities in front of all.
#include <boost/json/value.hpp>

#include "plugin/rest/caller_of.hpp"
#include "plugin/rest/csv_export.hpp"
#include "plugin/rest/decision_handler.hpp"
#include "plugin/rest/filing_id.hpp"
#include "plugin/rest/outcome_response.hpp"
#include "plugin/rest/problem.hpp"
#include "plugin/rest/request_params.hpp"
#include "plugin/rest/route_groups.hpp"

namespace ucf::rest {
namespace {

namespace bj = boost::json;
using sdk::HttpRequest;
using sdk::HttpResponse;

// The list's filter, shared by the JSON list and the CSV; `bad` set to the 422 of a bad member.
app::ReviewListQuery reviewQuery(const HttpRequest& req, std::optional<HttpResponse>& bad) {
  app::ReviewListQuery q;
  q.status = enumParam<domain::FilingStatus>(req, "status", domain::parseFilingStatus, bad);
  q.stage = enumParam<domain::ReviewStage>(req, "stage", domain::parseReviewStage, bad);
  if (auto p = req.queryParam("provinceCode"); p && !p->empty()) q.provinceCode = *p;
  if (auto t = req.queryParam("q"); t && !t->empty()) q.text = *t;
  if (auto c = req.queryParam("cursor"); c && !c->empty()) {
    q.beforeId = parseInt(*c);
    if (!q.beforeId) bad = unprocessable("cursor", domain::field_code::kInvalidFormat, "cursor 不正确");
  }
  q.limit = static_cast<int>(intParam(req, "limit", 1, 100, bad).value_or(20));
  return q;
}

HttpResponse listInScope(app::FilingService& f, app::ReviewService& r, HttpRequest& req) {
  std::optional<HttpResponse> bad;
  auto q = reviewQuery(req, bad);
  if (bad) return *bad;
  return respond(r.list(callerOf(*req.principal), q), [&](const app::ReviewListPage& page) {
    json::JsonWriter out;
    out.beginObject();
    writeReviewItems(out, page.items, f.today());
    out.member("nextCursor", page.nextCursor ? std::optional(std::to_string(*page.nextCursor)) : std::nullopt);
    return jsonText(200, out.endObject().take());
  });
}

HttpResponse exportCsv(app::FilingService& f, app::ReviewService& r, HttpRequest& req) {
  std::optional<HttpResponse> bad;
  auto q = reviewQuery(req, bad);
  if (bad) return *bad;
  return csvExport(r, callerOf(*req.principal), q, f.today());
}

HttpResponse verificationJson(const app::HistoryRecorder::Verification& v) {
  return json(200,
              bj::object{{"ok", v.ok},
                         {"events", v.events},
                         {"firstBrokenSeq", v.firstBrokenSeq ? bj::value(*v.firstBrokenSeq) : bj::value(nullptr)}});
}

void addReadRoutes(std::vector<ApiRoute>& routes, app::FilingService& f, app::ReviewService& r) {
  routes.push_back({.method = "GET",
                    .path = "/review/filings",
                    .summary = "Filings in scope, keyset-paginated",
                    .who = "reviewer, rechecker, supervisor",
                    .queryParams = {"status", "stage", "provinceCode", "q", "cursor", "limit"},
                    .statuses = {200, 403, 422},
                    .handle = [&f, &r](HttpRequest& req) { return listInScope(f, r, req); }});
  routes.push_back({.method = "GET",
                    .path = "/review/filings.csv",
                    .summary = "The authorities' list as CSV (UTF-8 with BOM)",
                    .who = "reviewer, rechecker, supervisor",
                    .queryParams = {"status", "stage", "provinceCode", "q"},
                    .statuses = {200, 403, 422},
                    .handle = [&f, &r](HttpRequest& req) { return exportCsv(f, r, req); }});
  routes.push_back({.method = "GET",
                    .path = "/review/filings/{id}",
                    .summary = "A filing in scope",
                    .who = "reviewer, rechecker, supervisor (in scope)",
                    .statuses = {200, 403, 404},
                    .handle = byFilingId([&f, &r](HttpRequest& req, std::int64_t id) {
                      return respond(r.detail(callerOf(*req.principal), id),
                                     [&](const domain::Filing& filing) { return reviewDetail(filing, r, f.today()); });
                    })});
  routes.push_back({.method = "GET",
                    .path = "/review/filings/{id}/history/verify",
                    .summary = "Recompute the history's hash chain",
                    .who = "supervisor",
                    .statuses = {200, 403, 404},
                    .handle = byFilingId([&r](HttpRequest& req, std::int64_t id) {
                      return respond(r.verifyHistory(callerOf(*req.principal), id), verificationJson);
                    })});
}

void addDecisionRoutes(std::vector<ApiRoute>& routes, app::FilingService& f, app::ReviewService& r) {
  routes.push_back(
      {.method = "POST",
       .path = "/review/filings/{id}/decision",
       .summary = "Approve or reject in first review or re-review",
       .who = "reviewer (FIRST_REVIEW), rechecker (RECHECK)",
       .body = RequestBody::kJson,
       .precondition = Precondition::kIfMatch,
       .statuses = {200, 400, 403, 404, 409, 412, 422, 428},
       .handle = byFilingId([&f, &r](HttpRequest& req, std::int64_t id) { return handleDecision(f, r, req, id); })});
  routes.push_back(
      {.method = "POST",
       .path = "/review/filings/{id}/revoke",
       .summary = "Void a filing in force (撤销)",
       .who = "supervisor",
       .body = RequestBody::kJson,
       .precondition = Precondition::kIfMatch,
       .statuses = {200, 400, 403, 404, 409, 412, 422, 428},
       .handle = byFilingId([&f, &r](HttpRequest& req, std::int64_t id) { return handleRevoke(f, r, req, id); })});
}

}  // namespace

void addReviewRoutes(std::vector<ApiRoute>& routes, app::FilingService& f, app::ReviewService& r) {
  addReadRoutes(routes, f, r);
  addDecisionRoutes(routes, f, r);
}

}  // namespace ucf::rest
