#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "ucf/sdk/http_response.hpp"

namespace ucf::rest {

/// One failing member of a request, as RFC 9457 `errors[]` of a 422.
struct FieldProblem {
  std::string field;    ///< Dotted name, e.g. `contact.mobile` or `attachments.license_copy`.
  std::string code;     ///< Machine word, e.g. `required`, `too_long`, `invalid_format`.
  std::string message;  ///< A sentence for people.
};

/// The one place that turns an outcome into `application/problem+json` (RFC 9457).
/// `type` is a short word appended to the problem-type base URI (`about:blank` when empty).
sdk::HttpResponse problem(int status, std::string_view title, std::string_view detail,
                          std::string_view type = {}, const std::vector<FieldProblem>& errors = {});

/// A 200/201/... JSON response of `value`.
sdk::HttpResponse json(int status, const boost::json::value& value);

/// A JSON response whose body is already serialised.
sdk::HttpResponse jsonText(int status, std::string body);

}  // namespace ucf::rest
