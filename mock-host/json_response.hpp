#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "dbkit/sql_error.hpp"
#include "ucf/sdk/http_response.hpp"

namespace ucf::host {

/// A JSON response of `value` with `status`.
sdk::HttpResponse json(int status, const boost::json::value& value);
/// A JSON response whose body is already serialised.
sdk::HttpResponse jsonText(int status, std::string body);
/// The host's problem+json (RFC 9457); `field` names the failing member of a 422, if any.
sdk::HttpResponse problem(int status, std::string_view title, std::string_view detail, std::string_view field = {},
                          std::string_view code = {});

/// The answer to a database that cannot do the work now (docs/PRODUCT.md §8): 503 problem+json
/// with `Retry-After` while it is unreachable, slow or busy; 507 when its disk is full.
sdk::HttpResponse databaseProblem(dbkit::SqlErrorClass errorClass);

/// One failing member of a request body, as a 422 lists it in `errors`.
struct FieldProblem {
  std::string field;    ///< The member's JSON name, e.g. `contactMobile` or `captcha`.
  std::string code;     ///< Machine word, e.g. `required`, `too_long`, `invalid_format`.
  std::string message;  ///< A sentence for people (Chinese, shown beside the field).
};

/// A problem+json of `status` (422 as a rule) whose `errors` names every member in `errors`.
sdk::HttpResponse problem(int status, std::string_view title, std::string_view detail,
                          const std::vector<FieldProblem>& errors);

}  // namespace ucf::host
