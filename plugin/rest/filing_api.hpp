#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "plugin/app/filing_service.hpp"
#include "plugin/app/review_service.hpp"
#include "plugin/rest/api_route.hpp"

namespace ucf::rest {

/// Makes the spool an upload streams into (an adapter: a temporary file, hashed as it grows).
using SpoolFactory = std::function<std::unique_ptr<app::UploadSpool>(std::int64_t limit)>;

/// The plugin's REST API (docs/PRODUCT.md §6): every route as a thin handler that parses the request,
/// calls one service and serialises the outcome; errors become problem+json in one place.
class FilingApi {
 public:
  static constexpr const char* kBasePath = "/api/used-car-filing/v1";

  FilingApi(app::FilingService& filings, app::ReviewService& reviews, SpoolFactory spools);

  /// The route table: register each with the host, describe each in OpenAPI.
  [[nodiscard]] const std::vector<ApiRoute>& routes() const { return routes_; }

 private:
  void addEnterpriseRoutes();
  void addAttachmentRoutes();
  void addReviewRoutes();

  app::FilingService& filings_;
  app::ReviewService& reviews_;
  SpoolFactory spools_;
  std::vector<ApiRoute> routes_;
};

}  // namespace ucf::rest
