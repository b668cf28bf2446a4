#include "plugin/domain/filing_status.hpp"

namespace ucf::domain {

std::string_view toString(FilingStatus status) {
  switch (status) {
    case FilingStatus::kPendingSubmit: return "PENDING_SUBMIT";
    case FilingStatus::kPendingReview: return "PENDING_REVIEW";
    case FilingStatus::kApproved: return "APPROVED";
    case FilingStatus::kRejected: return "REJECTED";
    case FilingStatus::kLapsed: return "LAPSED";
    case FilingStatus::kVoid: return "VOID";
  }
  return "VOID";
}

std::string_view labelOf(FilingStatus status) {
  switch (status) {
    case FilingStatus::kPendingSubmit: return "待上报";
    case FilingStatus::kPendingReview: return "待审核";
    case FilingStatus::kApproved: return "审核通过";
    case FilingStatus::kRejected: return "审核不通过";
    case FilingStatus::kLapsed: return "失效";
    case FilingStatus::kVoid: return "无效";
  }
  return "无效";
}

std::optional<FilingStatus> parseFilingStatus(std::string_view word) {
  for (auto s : allFilingStatuses()) {
    if (toString(s) == word) return s;
  }
  return std::nullopt;
}

}  // namespace ucf::domain
