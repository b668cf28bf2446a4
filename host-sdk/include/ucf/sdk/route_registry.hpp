#pragma once

#include <string>

#include "ucf/sdk/route_handler.hpp"

namespace ucf::sdk {

/// Where a route's requests come from and what the host checks before the plugin sees them.
enum class RouteAccess {
  kPublic,         ///< Anyone; the principal is still passed when there is a session.
  kAuthenticated,  ///< A session is required; the host answers 401 problem+json without one.
};

/// One route: `method` and a path `pattern` whose segments may be `{name}` captures
/// (one whole segment each), e.g. `/api/used-car-filing/v1/filings/{id}/attachments/{slot}`.
struct RouteSpec {
  std::string method;   ///< Upper-case verb.
  std::string pattern;  ///< Absolute path pattern.
  RouteAccess access = RouteAccess::kAuthenticated;
};

/// The host's routing table, open to a plugin during `Plugin::start` only.
/// The host checks the CSRF token of every state-changing request (POST, PUT, PATCH, DELETE)
/// with a session before the handler sees it.
class RouteRegistry {
 public:
  virtual ~RouteRegistry() = default;

  /// Registers `spec` → `handler`. The handler is not owned: it must stay valid until the
  /// plugin's `stop()` returns (the host removes the plugin's routes before calling `stop`).
  /// Throws std::invalid_argument for a malformed pattern or a route another plugin holds.
  virtual void add(const RouteSpec& spec, RouteHandler& handler) = 0;
};

}  // namespace ucf::sdk
