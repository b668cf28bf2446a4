#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "plugin/domain/form_data.hpp"
#include "plugin/domain/form_validation.hpp"
#include "ucf/sdk/http_request.hpp"
#include "ucf/sdk/http_response.hpp"

namespace ucf::rest {

// What the handlers read from a request besides `{id}` (filing_id.hpp): query parameters,
// `If-Match`, the save mode and a JSON form body, each refused with the problem naming it.

/// Largest JSON body a handler reads.
inline constexpr std::size_t kMaxJsonBytes = 256 * 1024;

/// A 422 naming one member and the rule it broke.
sdk::HttpResponse unprocessable(std::string field, std::string code, std::string message);

/// A decimal integer of at most 18 digits, nothing else.
std::optional<std::int64_t> parseInt(std::string_view text);

/// If-Match: "7" (also W/"7" or 7); absent → nullopt; anything unreadable can never match: -1.
std::optional<std::int64_t> ifMatch(const sdk::HttpRequest& req);

/// The ETag of a filing version.
std::string etagOf(std::int64_t version);

/// `?mode=draft|save` (save when absent); the 422 to send when it is something else.
std::variant<domain::SaveMode, sdk::HttpResponse> modeOf(const sdk::HttpRequest& req);

/// A JSON form body (strict_json); on failure the 400 or 422 to send.
std::variant<domain::FormData, sdk::HttpResponse> formBody(sdk::HttpRequest& req, bool emptyAllowed);

/// An integer query parameter in [min, max]; `bad` set to the 422 when it is not.
std::optional<std::int64_t> intParam(const sdk::HttpRequest& req, const char* name, std::int64_t min, std::int64_t max,
                                     std::optional<sdk::HttpResponse>& bad);

/// A query parameter that must be one of a set of words; `bad` set to the 422 when it is not.
template <typename Enum, typename Parse>
std::optional<Enum> enumParam(const sdk::HttpRequest& req, const char* name, Parse parse,
                              std::optional<sdk::HttpResponse>& bad) {
  auto raw = req.queryParam(name);
  if (!raw || raw->empty()) return std::nullopt;
  std::optional<Enum> v = parse(*raw);
  if (!v) bad = unprocessable(name, domain::field_code::kNotAllowed, std::string("参数 ") + name + " 的取值不正确");
  return v;
}

}  // namespace ucf::rest
