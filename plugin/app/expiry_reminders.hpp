#pragma once

#include "plugin/app/filing_writer.hpp"

namespace ucf::app {

/// Reminds the filer 90, 30 and 7 days before a filing's validity ends (docs/PRODUCT.md §7.2): each
/// reminder once, across restarts and several hosts, because it is recorded under a unique key
/// (filing, validUntil, days) in the same transaction as its outbox row.
class ExpiryReminders {
 public:
  explicit ExpiryReminders(FilingWriter& writer) : writer_(writer) {}

  /// Records and queues every reminder owed on the host clock's today; how many it queued.
  int sweep();

 private:
  FilingWriter& writer_;
};

}  // namespace ucf::app
