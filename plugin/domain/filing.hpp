#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plugin/domain/application_kind.hpp"
#include "plugin/domain/calendar_date.hpp"
#include "plugin/domain/form_data.hpp"

namespace ucf::domain {

using Instant = std::chrono::system_clock::time_point;

/// Who did something, as history and reviews record it.
struct Actor {
  std::string userId;
  std::string account;
  std::string displayName;
  friend bool operator==(const Actor&, const Actor&) = default;
};

/// A stored file in a slot. The bytes live in the blob store under `blobId`; an approved filing
/// and its open change share a blob until the change replaces that slot.
struct Attachment {
  std::string slot;
  std::string fileName;     ///< As sent, stripped of any path; for display only.
  std::string contentType;  ///< Detected from the bytes.
  std::int64_t size = 0;
  std::string sha256;  ///< Lower-case hex.
  Instant uploadedAt;
  std::int64_t blobId = 0;
  friend bool operator==(const Attachment&, const Attachment&) = default;
};

/// Attachments by slot name.
using AttachmentSet = std::map<std::string, Attachment, std::less<>>;

/// A reviewer's note on one field.
struct FieldNote {
  std::string field;
  std::string note;
  friend bool operator==(const FieldNote&, const FieldNote&) = default;
};

/// One review decision on an application.
struct Review {
  ReviewStage stage = ReviewStage::kFirstReview;
  ReviewDecision decision = ReviewDecision::kApprove;
  std::string opinion;
  std::vector<FieldNote> fieldNotes;
  Actor reviewer;
  Instant at;
  friend bool operator==(const Review&, const Review&) = default;
};

/// One application (新增 or 变更) of a filing, with its form and the reviews of its current round
/// and earlier rounds (a rejected, edited and resubmitted application keeps them all).
struct Application {
  std::int64_t number = 1;  ///< 1 for the 新增, then 2, 3, ... per change on this filing.
  ApplicationType type = ApplicationType::kNew;
  ApplicationStatus status = ApplicationStatus::kPendingSubmit;
  std::optional<ReviewStage> stage;  ///< While kPendingReview.
  FormData form;
  AttachmentSet attachments;
  Instant savedAt;
  std::optional<Instant> submittedAt;
  std::optional<Instant> approvedAt;
  std::vector<Review> reviews;
  friend bool operator==(const Application&, const Application&) = default;
};

/// The data in force of an approved filing.
struct ApprovedState {
  Application application;  ///< The application whose data is in force (status kApproved).
  Instant approvedAt;       ///< Re-review time of that application (复核时间).
  CalendarDate validUntil;  ///< Set by the approved 新增; a change keeps it.
  friend bool operator==(const ApprovedState&, const ApprovedState&) = default;
};

/// Why a filing is no longer in force.
enum class LapseReason { kExpired, kSuperseded };

/// A filing (备案): one row of 二手车备案列表. Born from a 新增 application; once approved it may
/// carry 变更 applications, one open at a time. The aggregate the services load and save whole,
/// guarded by `version` (compare-and-set).
struct Filing {
  std::int64_t id = 0;
  std::string uscc;   ///< The enterprise; fixed for the filing's life.
  Actor creator;      ///< Who created it (`createdBy`); fixed.
  std::string filer;  ///< Whose it is (filer.hpp); fixed when created.
  std::optional<ApprovedState> approved;
  std::optional<Application> open;        ///< The open application, if any.
  std::vector<Application> closed;        ///< Earlier applications: approved-and-replaced, deleted, void.
  bool deleted = false;                   ///< A 新增 deleted before approval: gone for the enterprise.
  std::optional<LapseReason> lapsed;      ///< Set persistently once it lapses.
  std::optional<std::string> voidReason;  ///< Set when the ministry voided it (撤销).
  std::int64_t version = 0;               ///< Bumped by every change; the ETag.
  Instant createdAt;
  Instant updatedAt;
  friend bool operator==(const Filing&, const Filing&) = default;
};

}  // namespace ucf::domain
