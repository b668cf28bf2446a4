#pragma once

#include "ucf/sdk/http_request.hpp"
#include "ucf/sdk/http_response.hpp"

namespace ucf::sdk {

/// Answers the requests of one or more routes. Implemented by plugins.
/// Thread-safety: `handle` is called concurrently from the host's worker threads.
/// It must not throw: a plugin turns every failure into a response (the host answers 500 if one
/// escapes anyway, and logs it).
class RouteHandler {
 public:
  virtual ~RouteHandler() = default;

  /// Answers `request`. `request` and its body are valid only during the call.
  virtual HttpResponse handle(HttpRequest& request) noexcept = 0;
};

}  // namespace ucf::sdk
