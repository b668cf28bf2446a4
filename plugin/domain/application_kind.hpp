#pragma once

#include <optional>
#include <string_view>

namespace ucf::domain {

/// Type of an application (申请类型).
enum class ApplicationType {
  kNew,     ///< 新增: `NEW`
  kChange,  ///< 变更: `CHANGE`
};

/// Review stage of a submitted application.
enum class ReviewStage {
  kFirstReview,  ///< 审核 by a reviewer of the province: `FIRST_REVIEW`
  kRecheck,      ///< 复核 by a rechecker of the province: `RECHECK`
};

/// A reviewer's decision, in the request's words (`approve`, `reject`).
enum class ReviewDecision { kApprove, kReject };

/// Status of one application (the row status is derived from these, see filing_lifecycle.hpp).
enum class ApplicationStatus {
  kPendingSubmit,  ///< saved, not submitted
  kPendingReview,  ///< in review (see ReviewStage)
  kRejected,       ///< rejected with an opinion; may be edited and resubmitted
  kApproved,       ///< passed re-review
  kVoid,           ///< a change that could no longer take effect, or voided with its filing
  kDeleted,        ///< deleted by the enterprise before review; kept for history
};

std::string_view toString(ApplicationType type);
std::string_view labelOf(ApplicationType type);  ///< 新增 / 变更
std::optional<ApplicationType> parseApplicationType(std::string_view word);
std::string_view toString(ReviewStage stage);
std::optional<ReviewStage> parseReviewStage(std::string_view word);
std::string_view toString(ReviewDecision decision);
std::optional<ReviewDecision> parseReviewDecision(std::string_view word);
std::string_view toString(ApplicationStatus status);
std::optional<ApplicationStatus> parseApplicationStatus(std::string_view word);

}  // namespace ucf::domain
