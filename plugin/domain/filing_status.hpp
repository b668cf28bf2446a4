#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace ucf::domain {

/// Status of a filing row (docs/PRODUCT.md §5).
enum class FilingStatus {
  kPendingSubmit,  ///< 待上报
  kPendingReview,  ///< 待审核
  kApproved,       ///< 审核通过
  kRejected,       ///< 审核不通过
  kLapsed,         ///< 失效
  kVoid,           ///< 无效
};

/// Every status, in the manual's order.
constexpr std::array<FilingStatus, 6> allFilingStatuses() {
  return {FilingStatus::kPendingSubmit, FilingStatus::kPendingReview, FilingStatus::kApproved,
          FilingStatus::kRejected,      FilingStatus::kLapsed,        FilingStatus::kVoid};
}

/// JSON word, e.g. `PENDING_SUBMIT`.
std::string_view toString(FilingStatus status);
/// Chinese label, e.g. 待上报.
std::string_view labelOf(FilingStatus status);
/// The status of a JSON word.
std::optional<FilingStatus> parseFilingStatus(std::string_view word);

}  // namespace ucf::domain
