#pragma once

#include <cstdint>

#include "plugin/app/filing_service.hpp"
#include "plugin/app/review_service.hpp"
#include "ucf/sdk/http_request.hpp"
#include "ucf/sdk/http_response.hpp"

namespace ucf::rest {

/// `POST /review/filings/{id}/decision`: reads `{decision, opinion, fieldNotes}` strictly (every
/// failing member named in one 422, unknown members refused), then decides with `If-Match`.
sdk::HttpResponse handleDecision(app::FilingService& filings, app::ReviewService& reviews, sdk::HttpRequest& req,
                                 std::int64_t id);

/// `POST /review/filings/{id}/revoke`: reads `{reason}` (nothing else), then voids with `If-Match`.
sdk::HttpResponse handleRevoke(app::FilingService& filings, app::ReviewService& reviews, sdk::HttpRequest& req,
                               std::int64_t id);

}  // namespace ucf::rest
