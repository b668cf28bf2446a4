#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "plugin/app/filing_service.hpp"
#include "plugin/app/review_service.hpp"
#include "plugin/app/stats_service.hpp"
#include "plugin/rest/api_route.hpp"
#include "plugin/rest/upload_handler.hpp"

namespace ucf::rest {

/// The plugin's REST API (docs/PRODUCT.md §6): every route as a thin handler that parses the request,
/// calls one service and serialises the outcome; errors become problem+json in one place. The
/// routes are declared in groups, a file each (route_groups.hpp).
class FilingApi {
 public:
  static constexpr const char* kBasePath = "/api/used-car-filing/v1";

  FilingApi(app::FilingService& filings, app::ReviewService& reviews, app::StatsService& stats, SpoolFactory spools);

  /// The route table: register each with the host, describe each in OpenAPI.
  [[nodiscard]] const std::vector<ApiRoute>& routes() const { return routes_; }

 private:
  app::FilingService& filings_;
  app::ReviewService& reviews_;
  app::StatsService& stats_;
  SpoolFactory spools_;
  std::vector<ApiRoute> routes_;
};

}  // namespace ucf::rest
