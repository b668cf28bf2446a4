#pragma once

#include "mock-host/service_table.hpp"
#include "ucf/sdk/logger.hpp"
#include "ucf/sdk/route_handler.hpp"

namespace ucf::host {

/// `GET /api/licence/used-car-qualification`: whether the logged-in enterprise may apply for a
/// used-car export licence (docs/PRODUCT.md §10), as the plugin's `qualification` service answers
/// it through the C table — the 出口许可证申请 page asks here, never the plugin over HTTP. 403 for
/// a user who is not an enterprise, 503 when no plugin offers the service or it fails.
class LicenceQualificationHandler final : public sdk::RouteHandler {
 public:
  LicenceQualificationHandler(const ServiceTable& services, sdk::Logger& logger)
      : services_(services), logger_(logger) {}
  sdk::HttpResponse handle(sdk::HttpRequest& request) noexcept override;

 private:
  const ServiceTable& services_;
  sdk::Logger& logger_;
};

}  // namespace ucf::host
