#include "plugin/rest/filing_id.hpp"

#include "plugin/rest/error_response.hpp"
#include "plugin/rest/request_params.hpp"

namespace ucf::rest {

ApiRoute::Handler byFilingId(FilingHandler handler) {
  return [handler = std::move(handler)](sdk::HttpRequest& req) {
    auto id = parseInt(req.pathParam("id"));
    if (!id || *id <= 0) return problemOf(domain::fail(domain::ErrorCode::kNotFound, "备案不存在"));
    return handler(req, *id);
  };
}

}  // namespace ucf::rest
