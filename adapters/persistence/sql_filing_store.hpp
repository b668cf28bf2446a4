#pragma once

#include "adapters/persistence/database.hpp"
#include "plugin/app/filing_store.hpp"

namespace ucf::adapters {

/// FilingStore over the connections' statement caches (SQLite's C API, POCO Data for PostgreSQL),
/// for both engines alike (one SQL text with `$n` placeholders; the few differences keyed on the
/// dialect). Thread-safe.
class SqlFilingStore final : public app::FilingStore {
 public:
  /// `time`: when blobs are stored (their `created_at`).
  SqlFilingStore(Database& database, const app::TimeSource& time) : db_(database), time_(time) {}

  std::unique_ptr<app::FilingTransaction> beginWrite() override;
  std::unique_ptr<app::FilingTransaction> beginGuardedWrite() override;
  std::optional<domain::Filing> find(std::int64_t id) override;
  app::EnterpriseListPage listForEnterprise(const app::EnterpriseListQuery& query) override;
  std::vector<app::FilingSummary> listForReview(const app::ReviewListQuery& query) override;
  std::int64_t otherOpenNew(const std::string& uscc, const std::string& filer) override;
  std::vector<domain::HistoryEvent> history(std::int64_t filingId) override;
  std::vector<std::int64_t> dueToLapse(domain::CalendarDate today) override;
  std::vector<std::int64_t> dueForReminder(domain::CalendarDate today) override;
  std::vector<app::PendingNotification> undeliveredNotifications(int limit) override;
  void markNotificationDelivered(std::int64_t id) override;
  std::unique_ptr<app::BlobReader> openBlob(std::int64_t blobId) override;

  /// Size of the chunks blobs are stored in.
  static constexpr std::size_t kChunkBytes = 256 * 1024;

 private:
  Database& db_;
  const app::TimeSource& time_;
};

}  // namespace ucf::adapters
