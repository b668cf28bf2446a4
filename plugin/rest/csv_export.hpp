#pragma once

#include "plugin/app/review_service.hpp"
#include "ucf/sdk/http_response.hpp"

namespace ucf::rest {

/// `GET /review/filings.csv`: the authorities' list under `query` as CSV (UTF-8 with BOM, so
/// Excel reads it), every page of it. The first page is read before answering, so a refusal is
/// still a problem+json; the rest streams (chunked) page by page. A page that fails later
/// throws from the stream: the host logs it and the client gets a broken response, never a
/// file that looks whole but is not.
sdk::HttpResponse csvExport(app::ReviewService& reviews, const app::Caller& caller, app::ReviewListQuery query,
                            domain::CalendarDate today);

}  // namespace ucf::rest
