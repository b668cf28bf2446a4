#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace ucf::sdk {

/// What a route handler answers. A plain value returned by `RouteHandler::handle`.
/// Either `body` holds the whole entity, or `streamBody` writes it (downloads), never both.
struct HttpResponse {
  int status = 200;  ///< HTTP status code.
  std::vector<std::pair<std::string, std::string>> headers;  ///< Content-Type, ETag, Location, ...
  std::string body;  ///< The entity when `streamBody` is empty.

  /// Writes the entity to the client. Called by the host at most once, on the request's thread,
  /// before the next request of that connection and while the plugin is loaded. May throw; the
  /// host then drops the connection (headers are already sent).
  std::function<void(std::ostream&)> streamBody;

  /// Length of what `streamBody` writes, or -1 to let the host use chunked transfer.
  std::int64_t streamLength = -1;

  /// Adds a header; returns *this for chaining.
  HttpResponse& with(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

}  // namespace ucf::sdk
