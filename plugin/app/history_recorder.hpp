#pragma once

#include <vector>

#include "plugin/app/filing_store.hpp"
#include "plugin/domain/filing_lifecycle.hpp"

namespace ucf::app {

/// Appends transitions to a filing's hash-chained history inside the caller's transaction.
class HistoryRecorder {
 public:
  explicit HistoryRecorder(const Hasher& hasher) : hasher_(hasher) {}

  /// Appends one event per transition, chaining each to the previous event's hash. Each event
  /// concerns the transition's application, or `application` (the current one) when it names none.
  void record(FilingTransaction& tx, std::int64_t filingId, std::int64_t application, const domain::Actor& actor,
              const std::vector<domain::Transition>& transitions, domain::Instant at) const;

  /// Recomputes the chain: whether every event's prevHash and hash hold, and the first that does not.
  struct Verification {
    bool ok = true;
    std::int64_t events = 0;
    std::optional<std::int64_t> firstBrokenSeq;
  };
  [[nodiscard]] Verification verify(const std::vector<domain::HistoryEvent>& events) const;

 private:
  const Hasher& hasher_;
};

/// The actor of what the system does by itself (lapsing a filing at the end of its validity).
inline const domain::Actor kSystemActor{"system", "system", "系统"};

}  // namespace ucf::app
