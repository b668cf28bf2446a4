#pragma once

#include <vector>

#include "plugin/app/filing_service.hpp"
#include "plugin/app/review_service.hpp"
#include "plugin/app/stats_service.hpp"
#include "plugin/rest/api_route.hpp"
#include "plugin/rest/upload_handler.hpp"

namespace ucf::rest {

// The groups of FilingApi's route table, each in a file of its own.

/// The enterprise's filing routes: list, create, detail, edit, delete, submit, change
/// (filing_routes.cpp).
void addFilingRoutes(std::vector<ApiRoute>& routes, app::FilingService& filings);
/// What the enterprise and the authorities read of a filing besides its detail: history, diff,
/// and the enterprise's qualification (filing_read_routes.cpp).
void addFilingReadRoutes(std::vector<ApiRoute>& routes, app::FilingService& filings);
/// Upload, download and removal of a slot's file (attachment_routes.cpp).
void addAttachmentRoutes(std::vector<ApiRoute>& routes, app::FilingService& filings, const SpoolFactory& spools);
/// The authorities' routes under `/review` (review_routes.cpp).
void addReviewRoutes(std::vector<ApiRoute>& routes, app::FilingService& filings, app::ReviewService& reviews);
/// `GET /review/stats`, the authorities' figures (stats_routes.cpp).
void addStatsRoutes(std::vector<ApiRoute>& routes, app::StatsService& stats);

}  // namespace ucf::rest
