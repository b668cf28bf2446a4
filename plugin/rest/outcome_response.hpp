#pragma once

#include "plugin/app/review_service.hpp"
#include "plugin/domain/filing.hpp"
#include "plugin/rest/error_response.hpp"
#include "plugin/rest/filing_json.hpp"
#include "ucf/sdk/http_request.hpp"
#include "ucf/sdk/http_response.hpp"

namespace ucf::rest {

/// The problem of a failed outcome, else what `onSuccess` makes of its value.
template <typename T, typename F>
sdk::HttpResponse respond(const domain::Outcome<T>& outcome, F&& onSuccess) {
  if (!outcome.ok()) return problemOf(outcome.error());
  return onSuccess(outcome.value());
}

/// The detail as the enterprise caller of `req` sees it (its actions narrowed to its access),
/// with its version as `ETag`.
sdk::HttpResponse enterpriseDetail(int status, const domain::Filing& filing, const sdk::HttpRequest& req,
                                   domain::CalendarDate today);

/// The detail as the authorities see it: with the other filers' 新增 of the USCC in review.
sdk::HttpResponse reviewDetail(const domain::Filing& filing, app::ReviewService& reviews, domain::CalendarDate today);

}  // namespace ucf::rest
