#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

#include "plugin/app/caller.hpp"
#include "plugin/app/filing_store.hpp"
#include "plugin/app/history_recorder.hpp"
#include "plugin/domain/domain_error.hpp"
#include "plugin/domain/filing_lifecycle.hpp"

namespace ucf::app {

/// The one way a use case changes an existing filing: in one transaction it loads the filing,
/// hides it from callers who may not see it (404), checks the version the caller read (428/412),
/// applies the change, bumps the version, saves with compare-and-set, keeps the new form version
/// and appends the history — or changes nothing.
class FilingWriter {
 public:
  FilingWriter(FilingStore& store, const HistoryRecorder& recorder, const TimeSource& time)
      : store_(store), recorder_(recorder), time_(time) {}

  /// Whether a caller may see a filing at all.
  using Visibility = std::function<bool(const domain::Filing&)>;
  /// The change: mutates the filing and says what happened, or refuses.
  using Change = std::function<domain::Outcome<std::vector<domain::Transition>>(
      domain::Filing& filing, FilingTransaction& tx, domain::Instant now, domain::CalendarDate today)>;

  /// Applies `change` to filing `id`. `ifMatch` is required unless `versionOptional`.
  domain::Outcome<domain::Filing> update(std::int64_t id, const domain::Actor& actor, const Visibility& visible,
                                         std::optional<std::int64_t> ifMatch, bool versionOptional,
                                         const Change& change);

  /// Saves `filing` (already changed) and records `transitions` inside `tx` (for related filings
  /// changed by the same use case, e.g. superseded ones).
  void saveWithin(FilingTransaction& tx, domain::Filing& filing, std::int64_t expectedVersion,
                  const domain::Actor& actor, const std::vector<domain::Transition>& transitions, domain::Instant now,
                  domain::CalendarDate today, bool formChanged);

  /// Inserts a new filing and records its creation inside a transaction of its own.
  domain::Outcome<domain::Filing> insert(domain::Filing filing, const domain::Actor& actor,
                                         const std::vector<domain::Transition>& transitions);

  /// Marks lapsed, persistently and with history, every filing whose validity ended before today.
  /// Cheap when nothing is due; runs at most once per Shanghai day per process unless `force`.
  void sweepLapsed(bool force = false);

  /// Called after each commit of a change (which may have queued notifications), e.g. to wake the
  /// relay; set once, before the writer is used from several threads.
  void onCommit(std::function<void()> callback) { onCommit_ = std::move(callback); }

  [[nodiscard]] domain::Instant now() const { return time_.now(); }
  [[nodiscard]] domain::CalendarDate today() const { return domain::shanghaiDateOf(time_.now()); }
  FilingStore& store() { return store_; }
  const HistoryRecorder& recorder() const { return recorder_; }

 private:
  FilingStore& store_;
  const HistoryRecorder& recorder_;
  void committed() const;

  const TimeSource& time_;
  std::function<void()> onCommit_;
  std::atomic<std::int64_t> sweptDay_{-1};
};

/// Whether `caller` may see `filing`: an enterprise what accessOf allows (filing_access.hpp); a supervisor
/// every submitted filing; a reviewer or rechecker the submitted filings of its province.
bool visibleTo(const Caller& caller, const domain::Filing& filing, domain::CalendarDate today);

}  // namespace ucf::app
