// What is read of a filing besides its detail (docs/PRODUCT.md §6): the history, the diff of an
// open change, and the enterprise's qualification for the licence module.
#include "plugin/rest/caller_of.hpp"
#include "plugin/rest/filing_id.hpp"
#include "plugin/rest/outcome_response.hpp"
#include "plugin/rest/problem.hpp"
#include "plugin/rest/qualification_service.hpp"
#include "plugin/rest/route_groups.hpp"

namespace ucf::rest {
namespace {

using sdk::HttpRequest;

// The same document the host's qualification service answers (qualification_service.hpp).
sdk::HttpResponse qualificationResponse(const app::Qualification& q) { return jsonText(200, qualificationJson(q)); }

}  // namespace

void addFilingReadRoutes(std::vector<ApiRoute>& routes, app::FilingService& f) {
  routes.push_back({.method = "GET",
                    .path = "/filings/{id}/history",
                    .summary = "Every history event",
                    .who = "owner, reviewers in scope",
                    .statuses = {200, 404},
                    .handle = byFilingId([&f](HttpRequest& req, std::int64_t id) {
                      return respond(f.history(callerOf(*req.principal), id),
                                     [](const std::vector<domain::HistoryEvent>& events) {
                                       return jsonText(200, historyJson(events));
                                     });
                    })});
  routes.push_back({.method = "GET",
                    .path = "/filings/{id}/diff",
                    .summary = "The open change against the approved data",
                    .who = "owner, reviewers in scope",
                    .statuses = {200, 404},
                    .handle = byFilingId([&f](HttpRequest& req, std::int64_t id) {
                      return respond(f.diff(callerOf(*req.principal), id),
                                     [](const std::vector<domain::FieldChange>& changes) {
                                       return jsonText(200, diffJson(changes));
                                     });
                    })});
  routes.push_back({.method = "GET",
                    .path = "/qualification",
                    .summary = "Whether the enterprise may apply for used-car export licences today",
                    .who = "enterprise",
                    .statuses = {200, 403},
                    .handle = [&f](HttpRequest& req) {
                      return respond(f.qualification(callerOf(*req.principal)), qualificationResponse);
                    }});
}

}  // namespace ucf::rest
