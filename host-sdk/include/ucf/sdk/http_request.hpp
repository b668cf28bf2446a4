#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ucf/sdk/principal.hpp"

namespace ucf::sdk {

/// One HTTP request as the host hands it to a plugin's route handler.
/// Built by the host for the duration of one `RouteHandler::handle` call; the handler must not
/// keep references to it (or to `body`) after returning. Not shared between threads.
struct HttpRequest {
  std::string method;  ///< Upper-case verb: GET, POST, PUT, DELETE, ...
  std::string path;    ///< Decoded path without the query, e.g. `/api/used-car-filing/v1/filings/7`.
  std::vector<std::pair<std::string, std::string>> pathParams;  ///< `{name}` captures of the pattern.
  std::vector<std::pair<std::string, std::string>> query;       ///< Decoded query parameters, in order.
  std::vector<std::pair<std::string, std::string>> headers;     ///< Names as sent; compare case-insensitively.
  std::optional<Principal> principal;  ///< Empty when nobody is logged in.
  std::int64_t contentLength = -1;     ///< Declared body length, -1 when unknown (chunked).
  std::istream* body = nullptr;        ///< Never null during `handle`; read at most what you need.

  /// The `{name}` capture, or empty when the pattern has none of that name.
  [[nodiscard]] std::string_view pathParam(std::string_view name) const {
    for (const auto& [k, v] : pathParams) {
      if (k == name) return v;
    }
    return {};
  }

  /// The first query parameter called `name`, if any.
  [[nodiscard]] std::optional<std::string> queryParam(std::string_view name) const {
    for (const auto& [k, v] : query) {
      if (k == name) return v;
    }
    return std::nullopt;
  }

  /// The first header called `name` (ASCII case-insensitive), if any.
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k.size() == name.size() && equalsIgnoreCase(k, name)) return v;
    }
    return std::nullopt;
  }

 private:
  static bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      char x = a[i], y = b[i];
      if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
      if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
      if (x != y) return false;
    }
    return true;
  }
};

}  // namespace ucf::sdk
