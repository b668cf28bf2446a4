#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plugin/app/caller.hpp"
#include "plugin/app/filing_writer.hpp"

namespace ucf::app {

/// One page of the authorities' list.
struct ReviewListPage {
  std::vector<FilingSummary> items;
  std::optional<std::int64_t> nextCursor;
};

/// 403 for anyone but a reviewer, rechecker or supervisor: every review use case (and every
/// `/review/…` route, before it reads its path or body) refuses enterprises so, their own filings
/// included, which says nothing about which filings exist.
std::optional<domain::DomainError> refuseNonAuthority(const Caller& caller);

/// The commerce authorities' use cases: list in scope, decide, revoke, verify history.
/// Scope: reviewers and recheckers see the submitted filings of their province, a supervisor all;
/// anything else is "not found". Thread-safe.
class ReviewService {
 public:
  explicit ReviewService(FilingWriter& writer) : writer_(writer) {}

  domain::Outcome<ReviewListPage> list(const Caller& caller, ReviewListQuery query);
  domain::Outcome<domain::Filing> detail(const Caller& caller, std::int64_t id);
  /// First review or re-review of the submitted application (If-Match required).
  domain::Outcome<domain::Filing> decide(const Caller& caller, std::int64_t id, domain::ReviewDecision decision,
                                         std::string opinion, std::vector<domain::FieldNote> fieldNotes,
                                         std::optional<std::int64_t> ifMatch);
  /// 撤销 by a supervisor (If-Match required).
  domain::Outcome<domain::Filing> revoke(const Caller& caller, std::int64_t id, std::string reason,
                                         std::optional<std::int64_t> ifMatch);
  /// Recomputes the history's hash chain (supervisor).
  domain::Outcome<HistoryRecorder::Verification> verifyHistory(const Caller& caller, std::int64_t id);
  /// The other 新增 of `filing`'s USCC by other filers now PENDING_REVIEW (docs/PRODUCT.md §2.1): what the
  /// reviewer's detail shows beside the filing it was given.
  std::int64_t otherOpenNew(const domain::Filing& filing) {
    return writer_.store().otherOpenNew(filing.uscc, filing.filer);
  }

 private:
  FilingWriter& writer_;
};

}  // namespace ucf::app
