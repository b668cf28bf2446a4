#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "plugin/app/filing_stats_store.hpp"
#include "plugin/app/filing_store.hpp"

namespace ucf::test {

/// FilingStore (and FilingStatsStore) in memory, for unit tests of the app layer without a
/// database. It keeps the rules the SQL store keeps where the services rely on them: one open
/// 新增 per filer and USCC (UniqueViolation), compare-and-set on `version` (StaleVersion),
/// writers one at a time, a transaction's writes seen by others only after commit(), and the
/// lists' filters and order as the SQL store applies them. Thread-safe.
class InMemoryFilingStore final : public app::FilingStore, public app::FilingStatsStore {
 public:
  InMemoryFilingStore();
  ~InMemoryFilingStore() override;

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

  std::vector<app::ProvinceStatusCount> countByProvinceAndStatus(const app::StatsScope& scope) override;
  std::vector<std::vector<domain::HistoryEvent>> historiesChangedSince(const app::StatsScope& scope,
                                                                       domain::Instant since) override;

  /// The committed state (a transaction keeps its writes apart until commit()).
  struct State {
    struct Row {
      domain::Filing filing;
      app::FilingSummary summary;
    };
    std::map<std::int64_t, Row> rows;
    std::map<std::int64_t, std::vector<domain::HistoryEvent>> history;
    std::map<std::int64_t, std::string> blobs;
    std::int64_t formVersions = 0;
    std::vector<app::PendingNotification> outbox;  // not handed to the host yet
    std::set<std::string> outboxKeys;              // every key ever queued: a key is queued once
    std::int64_t lastNotification = 0;
    std::set<std::tuple<std::int64_t, std::int64_t, int>> reminders;  // (filing, valid-until day, days)
    std::int64_t lastId = 0;
    std::int64_t lastBlob = 0;
  };

  /// Form versions kept so far (every save keeps one).
  std::int64_t formVersions();
  /// Makes every listForReview call after the next `calls` throw, as a database that went away.
  void failReviewListsAfter(int calls);

 private:
  class Transaction;

  std::mutex writer_;  // held by the open transaction: writers one at a time, as in SQLite
  std::mutex data_;    // guards state_ and reviewListsLeft_
  State state_;
  int reviewListsLeft_ = -1;  // -1: never fail
};

/// A finished upload held in memory; its "SHA-256" is a stand-in (FNV-1a, 64 hex digits): the
/// services store it and compare it, they never recompute it.
class MemorySpool final : public app::UploadSpool {
 public:
  explicit MemorySpool(std::int64_t limit = 11 * 1024 * 1024) : limit_(limit) {}
  bool append(const char* data, std::size_t length) override;
  void finish() override {}
  [[nodiscard]] std::string sha256() const override;
  [[nodiscard]] std::int64_t size() const override { return static_cast<std::int64_t>(bytes_.size()); }
  std::size_t read(std::int64_t offset, char* buffer, std::size_t length) const override;

 private:
  std::int64_t limit_;
  std::string bytes_;
};

/// A stand-in Hasher (FNV-1a, 64 hex digits): enough for the history chain's rules in unit tests.
class StandInHasher final : public app::Hasher {
 public:
  [[nodiscard]] std::string sha256Hex(std::string_view data) const override;
};

}  // namespace ucf::test
