// The enterprise's own filings (docs/PRODUCT.md §6): list, 新增, detail, 修改, 删除, 上报, 变更.
#include "plugin/rest/caller_of.hpp"
#include "plugin/rest/filing_api.hpp"
#include "plugin/rest/filing_id.hpp"
#include "plugin/rest/outcome_response.hpp"
#include "plugin/rest/problem.hpp"
#include "plugin/rest/request_params.hpp"
#include "plugin/rest/route_groups.hpp"

namespace ucf::rest {
namespace {

using sdk::HttpRequest;
using sdk::HttpResponse;

HttpResponse listFilings(app::FilingService& f, HttpRequest& req) {
  std::optional<HttpResponse> bad;
  app::EnterpriseListQuery q;
  q.status = enumParam<domain::FilingStatus>(req, "status", domain::parseFilingStatus, bad);
  q.applicationType = enumParam<domain::ApplicationType>(req, "applicationType", domain::parseApplicationType, bad);
  if (auto n = intParam(req, "expiringWithin", 0, 3660, bad)) q.expiringWithin = static_cast<int>(*n);
  q.page = static_cast<int>(intParam(req, "page", 1, 1'000'000, bad).value_or(1));
  q.pageSize = static_cast<int>(intParam(req, "pageSize", 1, 100, bad).value_or(20));
  if (bad) return *bad;
  const app::Caller caller = callerOf(*req.principal);
  return respond(f.list(caller, q), [&](const app::EnterpriseListPage& page) {
    json::JsonWriter out;
    out.beginObject();
    writeEnterpriseItems(out, page.items, f.today(), caller);
    out.member("total", page.total).member("page", q.page).member("pageSize", q.pageSize).endObject();
    return jsonText(200, out.take());
  });
}

HttpResponse createFiling(app::FilingService& f, HttpRequest& req) {
  auto mode = modeOf(req);
  if (auto* refused = std::get_if<HttpResponse>(&mode)) return *refused;
  std::optional<std::int64_t> from;
  if (auto raw = req.queryParam("from")) {
    from = parseInt(*raw);
    if (!from) return problemOf(domain::fail(domain::ErrorCode::kNotFound, "备案不存在"));
  }
  auto body = formBody(req, from.has_value());
  if (auto* refused = std::get_if<HttpResponse>(&body)) return *refused;
  auto outcome = f.create(callerOf(*req.principal), std::get<domain::FormData>(std::move(body)),
                          std::get<domain::SaveMode>(mode), from);
  return respond(outcome, [&](const domain::Filing& filing) {
    return enterpriseDetail(201, filing, req, f.today())
        .with("Location", std::string(FilingApi::kBasePath) + "/filings/" + std::to_string(filing.id));
  });
}

// 修改 and 变更 read the same things: the mode, a form body (empty allowed for a change) and If-Match.
using FormChange = domain::Outcome<domain::Filing> (app::FilingService::*)(const app::Caller&, std::int64_t,
                                                                           const domain::FormData&, domain::SaveMode,
                                                                           std::optional<std::int64_t>);

FilingHandler formChange(app::FilingService& f, FormChange change, bool emptyBodyAllowed) {
  return [&f, change, emptyBodyAllowed](HttpRequest& req, std::int64_t id) {
    auto mode = modeOf(req);
    if (auto* refused = std::get_if<HttpResponse>(&mode)) return *refused;
    auto body = formBody(req, emptyBodyAllowed);
    if (auto* refused = std::get_if<HttpResponse>(&body)) return *refused;
    auto outcome = (f.*change)(callerOf(*req.principal), id, std::get<domain::FormData>(body),
                               std::get<domain::SaveMode>(mode), ifMatch(req));
    return respond(outcome,
                   [&](const domain::Filing& filing) { return enterpriseDetail(200, filing, req, f.today()); });
  };
}

void addCollectionRoutes(std::vector<ApiRoute>& routes, app::FilingService& f) {
  routes.push_back({.method = "GET",
                    .path = "/filings",
                    .summary = "List the enterprise's own filings",
                    .who = "enterprise",
                    .queryParams = {"status", "applicationType", "expiringWithin", "page", "pageSize"},
                    .statuses = {200, 403, 422},
                    .handle = [&f](HttpRequest& req) { return listFilings(f, req); }});
  routes.push_back({.method = "POST",
                    .path = "/filings",
                    .summary = "Create a 新增 application (draft or save)",
                    .who = "enterprise",
                    .queryParams = {"mode", "from"},
                    .body = RequestBody::kJson,
                    .statuses = {201, 400, 403, 409, 422},
                    .handle = [&f](HttpRequest& req) { return createFiling(f, req); }});
}

void addItemRoutes(std::vector<ApiRoute>& routes, app::FilingService& f) {
  routes.push_back({.method = "GET",
                    .path = "/filings/{id}",
                    .summary = "The whole filing",
                    .who = "enterprise (own)",
                    .statuses = {200, 404},
                    .handle = byFilingId([&f](HttpRequest& req, std::int64_t id) {
                      return respond(f.detail(callerOf(*req.principal), id), [&](const domain::Filing& filing) {
                        return enterpriseDetail(200, filing, req, f.today());
                      });
                    })});
  routes.push_back({.method = "PUT",
                    .path = "/filings/{id}",
                    .summary = "Edit the open application (修改)",
                    .who = "enterprise (own)",
                    .queryParams = {"mode"},
                    .body = RequestBody::kJson,
                    .precondition = Precondition::kIfMatch,
                    .statuses = {200, 400, 404, 409, 412, 422, 428},
                    .handle = byFilingId(formChange(f, &app::FilingService::edit, false))});
  routes.push_back({.method = "DELETE",
                    .path = "/filings/{id}",
                    .summary = "Delete the open application (删除)",
                    .who = "enterprise (own)",
                    .precondition = Precondition::kIfMatch,
                    .statuses = {204, 404, 409, 412, 428},
                    .handle = byFilingId([&f](HttpRequest& req, std::int64_t id) {
                      return respond(f.remove(callerOf(*req.principal), id, ifMatch(req)), [](const domain::Filing&) {
                        return HttpResponse{204, {}, {}, {}, -1};
                      });
                    })});
  routes.push_back({.method = "POST",
                    .path = "/filings/{id}/submit",
                    .summary = "Submit (上报)",
                    .who = "enterprise (own)",
                    .precondition = Precondition::kIfMatch,
                    .statuses = {200, 404, 409, 412, 422, 428},
                    .handle = byFilingId([&f](HttpRequest& req, std::int64_t id) {
                      return respond(
                          f.submit(callerOf(*req.principal), id, ifMatch(req)),
                          [&](const domain::Filing& filing) { return enterpriseDetail(200, filing, req, f.today()); });
                    })});
  routes.push_back({.method = "POST",
                    .path = "/filings/{id}/change",
                    .summary = "Start a 变更 application",
                    .who = "enterprise (own)",
                    .queryParams = {"mode"},
                    .body = RequestBody::kJson,
                    .precondition = Precondition::kIfMatch,
                    .statuses = {200, 400, 404, 409, 412, 422, 428},
                    .handle = byFilingId(formChange(f, &app::FilingService::startChange, true))});
}

}  // namespace

void addFilingRoutes(std::vector<ApiRoute>& routes, app::FilingService& f) {
  addCollectionRoutes(routes, f);
  addItemRoutes(routes, f);
}

}  // namespace ucf::rest
