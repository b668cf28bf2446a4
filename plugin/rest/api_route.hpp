#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ucf/sdk/route_handler.hpp"
#include "ucf/sdk/route_registry.hpp"

namespace ucf::rest {

/// What a route reads from the request body (the OpenAPI document describes it).
enum class RequestBody { kNone, kJson, kMultipart };

/// Whether a route changes a filing only at the version the caller read (docs/PRODUCT.md §5 rule 6).
enum class Precondition { kNone, kIfMatch };

/// One route of the plugin's API: what the host registers, what the OpenAPI document describes
/// and what the isolation tests walk. The table of these is the single list of the API; declare
/// each with designated initialisers so it reads like a row of that table (every member has a
/// default, so a row names only what it needs).
struct ApiRoute {
  using Handler = std::function<sdk::HttpResponse(sdk::HttpRequest&)>;

  std::string method{};
  std::string path{};  ///< Relative to the base path, e.g. `/filings/{id}`.
  sdk::RouteAccess access = sdk::RouteAccess::kAuthenticated;
  std::string summary{};  ///< One line for the OpenAPI document.
  std::string who{};      ///< Who may call it (OpenAPI description).
  std::vector<std::string> queryParams{};
  RequestBody body = RequestBody::kNone;
  Precondition precondition = Precondition::kNone;
  std::vector<int> statuses{};  ///< Documented response codes besides the common ones.
  /// The component schema (openapi.cpp) of a JSON success; empty: any JSON object.
  std::string responseSchema{};
  Handler handle{};
};

/// Adapts an ApiRoute to the host's handler interface: nothing escapes, failures are logged by
/// the caller-supplied function and answered 500 without internals.
class ApiRouteHandler final : public sdk::RouteHandler {
 public:
  using OnError = std::function<void(const std::string&)>;
  ApiRouteHandler(const ApiRoute& route, OnError onError) : route_(route), onError_(std::move(onError)) {}
  sdk::HttpResponse handle(sdk::HttpRequest& request) noexcept override;

 private:
  const ApiRoute& route_;
  OnError onError_;
};

}  // namespace ucf::rest
