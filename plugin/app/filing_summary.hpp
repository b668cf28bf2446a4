#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/domain/application_kind.hpp"
#include "plugin/domain/calendar_date.hpp"
#include "plugin/domain/filing.hpp"
#include "plugin/domain/filing_status.hpp"

namespace ucf::app {

/// What a list row needs, kept in columns beside the stored aggregate so that lists never load
/// whole filings. Written from the aggregate at every save (see summarize()).
struct FilingSummary {
  std::int64_t id = 0;
  std::string uscc;
  std::string filer;      ///< domain/filer.hpp
  std::string createdBy;  ///< the creator's userId
  std::string enterpriseName;
  std::string provinceCode;
  domain::ApplicationType applicationType = domain::ApplicationType::kNew;
  domain::FilingStatus status = domain::FilingStatus::kPendingSubmit;  ///< as of the last save
  std::optional<domain::ReviewStage> reviewStage;
  bool complete = false;
  bool everSubmitted = false;  ///< authorities see a filing only once it was submitted
  bool deleted = false;
  std::optional<domain::Instant> savedAt;
  std::optional<domain::Instant> submittedAt;
  std::optional<domain::Instant> approvedAt;
  std::optional<domain::CalendarDate> validUntil;
  std::int64_t version = 0;
  domain::Instant updatedAt;
  /// Authorities' list only: other 新增 of the USCC by other filers now PENDING_REVIEW (docs/PRODUCT.md §2.1).
  std::int64_t otherOpenNew = 0;
};

/// The summary of `filing` as of `today`.
FilingSummary summarize(const domain::Filing& filing, domain::CalendarDate today);

/// The row status on `today` of a summary saved earlier: a filing whose validUntil has passed
/// reads LAPSED at once, before the sweep marks it persistently.
domain::FilingStatus statusOn(const FilingSummary& summary, domain::CalendarDate today);

/// Filters of the enterprise list (`GET /filings`).
struct EnterpriseListQuery {
  std::string uscc;
  std::optional<std::string> createdBy;  ///< set for an unverified caller: only what it created
  std::optional<domain::FilingStatus> status;
  std::optional<domain::ApplicationType> applicationType;
  std::optional<int> expiringWithin;
  int page = 1;
  int pageSize = 20;
  domain::CalendarDate today;
};

/// One page of the enterprise list.
struct EnterpriseListPage {
  std::vector<FilingSummary> items;
  std::int64_t total = 0;
};

/// Filters of the authorities' list (`GET /review/filings`), keyset-paginated by id, newest first.
struct ReviewListQuery {
  std::optional<std::string> provinceCode;  ///< forced to the caller's for reviewers/recheckers
  std::optional<domain::FilingStatus> status;
  std::optional<domain::ReviewStage> stage;
  std::optional<std::string> text;       ///< enterprise name or USCC contains
  std::optional<std::int64_t> beforeId;  ///< the cursor
  int limit = 20;
  domain::CalendarDate today;
};

}  // namespace ucf::app
