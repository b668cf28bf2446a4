#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "ucf/sdk/http_response.hpp"

namespace ucf::host {

/// A JSON response of `value` with `status`.
sdk::HttpResponse json(int status, const boost::json::value& value);
/// A JSON response whose body is already serialised.
sdk::HttpResponse jsonText(int status, std::string body);
/// The host's problem+json (RFC 9457); `field` names the failing member of a 422, if any.
sdk::HttpResponse problem(int status, std::string_view title, std::string_view detail,
                          std::string_view field = {}, std::string_view code = {});

}  // namespace ucf::host
