#include "plugin/rest/outcome_response.hpp"

#include "plugin/rest/caller_of.hpp"
#include "plugin/rest/problem.hpp"
#include "plugin/rest/request_params.hpp"

namespace ucf::rest {
namespace {

sdk::HttpResponse detailResponse(int status, const domain::Filing& f, domain::CalendarDate today,
                                 const DetailView& view) {
  return jsonText(status, filingDetailJson(f, today, view)).with("ETag", etagOf(f.version));
}

}  // namespace

sdk::HttpResponse enterpriseDetail(int status, const domain::Filing& filing, const sdk::HttpRequest& req,
                                   domain::CalendarDate today) {
  const app::Caller caller = callerOf(*req.principal);
  return detailResponse(status, filing, today, {&caller, std::nullopt});
}

sdk::HttpResponse reviewDetail(const domain::Filing& filing, app::ReviewService& reviews, domain::CalendarDate today) {
  return detailResponse(200, filing, today, {nullptr, reviews.otherOpenNew(filing)});
}

}  // namespace ucf::rest
