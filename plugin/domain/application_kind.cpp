#include "plugin/domain/application_kind.hpp"

#include <array>

namespace ucf::domain {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parseBy(std::string_view word, const std::array<Enum, N>& all) {
  for (Enum e : all) {
    if (toString(e) == word) return e;
  }
  return std::nullopt;
}

}  // namespace

std::string_view toString(ApplicationType type) {
  switch (type) {
    case ApplicationType::kNew: return "NEW";
    case ApplicationType::kChange: return "CHANGE";
  }
  return "NEW";
}

std::string_view labelOf(ApplicationType type) {
  switch (type) {
    case ApplicationType::kNew: return "新增";
    case ApplicationType::kChange: return "变更";
  }
  return "新增";
}

std::optional<ApplicationType> parseApplicationType(std::string_view word) {
  return parseBy(word, std::array{ApplicationType::kNew, ApplicationType::kChange});
}

std::string_view toString(ReviewStage stage) {
  switch (stage) {
    case ReviewStage::kFirstReview: return "FIRST_REVIEW";
    case ReviewStage::kRecheck: return "RECHECK";
  }
  return "FIRST_REVIEW";
}

std::optional<ReviewStage> parseReviewStage(std::string_view word) {
  return parseBy(word, std::array{ReviewStage::kFirstReview, ReviewStage::kRecheck});
}

std::string_view toString(ReviewDecision decision) {
  switch (decision) {
    case ReviewDecision::kApprove: return "approve";
    case ReviewDecision::kReject: return "reject";
  }
  return "reject";
}

std::optional<ReviewDecision> parseReviewDecision(std::string_view word) {
  return parseBy(word, std::array{ReviewDecision::kApprove, ReviewDecision::kReject});
}

std::string_view toString(ApplicationStatus status) {
  switch (status) {
    case ApplicationStatus::kPendingSubmit: return "PENDING_SUBMIT";
    case ApplicationStatus::kPendingReview: return "PENDING_REVIEW";
    case ApplicationStatus::kRejected: return "REJECTED";
    case ApplicationStatus::kApproved: return "APPROVED";
    case ApplicationStatus::kVoid: return "VOID";
    case ApplicationStatus::kDeleted: return "DELETED";
  }
  return "VOID";
}

std::optional<ApplicationStatus> parseApplicationStatus(std::string_view word) {
  return parseBy(word, std::array{ApplicationStatus::kPendingSubmit, ApplicationStatus::kPendingReview,
                                  ApplicationStatus::kRejected, ApplicationStatus::kApproved, ApplicationStatus::kVoid,
                                  ApplicationStatus::kDeleted});
}

}  // namespace ucf::domain
