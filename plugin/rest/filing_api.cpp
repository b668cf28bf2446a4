#include "plugin/rest/filing_api.hpp"

#include "plugin/rest/caller_of.hpp"
#include "plugin/rest/error_response.hpp"
#include "plugin/rest/route_groups.hpp"

namespace ucf::rest {

FilingApi::FilingApi(app::FilingService& filings, app::ReviewService& reviews, app::StatsService& stats,
                     SpoolFactory spools)
    : filings_(filings), reviews_(reviews), stats_(stats), spools_(std::move(spools)) {
  // The order is the OpenAPI document's and the isolation matrix's; each group is a file of its own.
  addFilingRoutes(routes_, filings_);
  addFilingReadRoutes(routes_, filings_);
  addAttachmentRoutes(routes_, filings_, spools_);
  addReviewRoutes(routes_, filings_, reviews_);
  addStatsRoutes(routes_, stats_);
  // Every /review route answers anyone but the authorities 403 before it reads its path or body.
  for (auto& route : routes_) {
    if (!route.path.starts_with("/review/")) continue;
    route.handle = [inner = std::move(route.handle)](sdk::HttpRequest& req) {
      if (auto refused = app::refuseNonAuthority(callerOf(*req.principal))) return problemOf(*refused);
      return inner(req);
    };
  }
}

}  // namespace ucf::rest
