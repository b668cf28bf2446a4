#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plugin/app/filing_summary.hpp"
#include "plugin/app/notification.hpp"
#include "plugin/domain/file_content.hpp"
#include "plugin/domain/filing.hpp"
#include "plugin/domain/history_event.hpp"

namespace ucf::app {

/// A file received and spooled outside the database, ready to be stored: its size, SHA-256 and
/// random access to its bytes (for content checks and for copying into the blob store).
class SpooledFile : public domain::ByteSource {
 public:
  [[nodiscard]] virtual std::string sha256() const = 0;
};

/// A SpooledFile being received: bytes are appended (at most a limit) and then finished.
class UploadSpool : public SpooledFile {
 public:
  /// Appends bytes; false (nothing kept) once the total would pass the spool's limit.
  virtual bool append(const char* data, std::size_t length) = 0;
  /// Ends the upload: sha256() is final after this.
  virtual void finish() = 0;
};

/// Thrown by FilingTransaction::save when the stored version is not the expected one: someone
/// else changed the filing since it was read. The service turns it into 412.
struct StaleVersion {};

/// Thrown by insert/save when a uniqueness rule of the database refuses the write (a second open
/// 新增 of a filer and USCC). The service turns it into 409.
struct UniqueViolation {};

/// One write transaction over filings, their history and blobs. Not thread-safe; used by one
/// request. Destroying it without commit() rolls everything back.
class FilingTransaction {
 public:
  virtual ~FilingTransaction() = default;

  /// The filing `id` (also a deleted one), as stored now.
  virtual std::optional<domain::Filing> load(std::int64_t id) = 0;
  /// Stores a new filing; assigns `filing.id`. May throw UniqueViolation.
  virtual void insert(domain::Filing& filing, const FilingSummary& summary) = 0;
  /// Replaces the stored filing if its version is still `expectedVersion` (compare-and-set);
  /// `filing.version` is the new version. Throws StaleVersion otherwise and may throw
  /// UniqueViolation, here or, since a write may be held until then, at commit().
  virtual void save(const domain::Filing& filing, const FilingSummary& summary, std::int64_t expectedVersion) = 0;
  /// Ids of the enterprise's filings other than `exceptId` that are approved and in force.
  virtual std::vector<std::int64_t> approvedFilingsOf(const std::string& uscc, std::int64_t exceptId,
                                                      domain::CalendarDate today) = 0;
  /// Whether `filer` has an open 新增 application for `uscc` (docs/PRODUCT.md §5 rule 2, per filer).
  virtual bool hasOpenNew(const std::string& uscc, const std::string& filer) = 0;
  /// The last event of a filing's history (seq and hash), or nullopt when it has none.
  virtual std::optional<std::pair<std::int64_t, std::string>> lastEvent(std::int64_t filingId) = 0;
  /// Appends one event (seq, prevHash and hash already set by the caller).
  virtual void appendEvent(std::int64_t filingId, const domain::HistoryEvent& event) = 0;
  /// Keeps a copy of an application's form and attachments as saved now (every version is kept).
  virtual void appendFormVersion(std::int64_t filingId, const domain::Application& application,
                                 const domain::Actor& actor, domain::Instant at) = 0;
  /// Queues a notification in the plugin's outbox, to be handed to the host after commit.
  virtual void appendNotification(const OutgoingNotification& notification) = 0;
  /// Records that the expiry reminder of `days` was owed on filing `filingId` valid until
  /// `validUntil`; false when it was recorded before (by this host or another), once for good.
  virtual bool recordReminder(std::int64_t filingId, domain::CalendarDate validUntil, int days, domain::Instant at) = 0;
  /// Copies `file` into the blob store in fixed-size chunks; returns the blob id.
  virtual std::int64_t storeBlob(const SpooledFile& file, const std::string& contentType) = 0;
  /// Makes everything durable.
  virtual void commit() = 0;
};

/// Streams a stored blob's bytes, chunk by chunk.
class BlobReader {
 public:
  virtual ~BlobReader() = default;
  /// Writes the whole blob to `out`.
  virtual void copyTo(std::ostream& out) = 0;
};

/// The plugin's persistence: filings, their history, form versions and blobs.
/// Thread-safe: every call takes its own database session.
class FilingStore {
 public:
  virtual ~FilingStore() = default;

  /// Opens a write transaction (writers are serialised by the database): what it loads is
  /// locked until it ends.
  virtual std::unique_ptr<FilingTransaction> beginWrite() = 0;
  /// Opens a write transaction guarded by the version instead of a lock, for a change whose caller
  /// named the version it read (If-Match): the first filing it loads is read without a lock (and
  /// outside the database's single-writer section), its writes are held until commit(), and
  /// commit() stores them only if that filing's version is still the one loaded (StaleVersion
  /// otherwise, the answer a lock would have led to as well). Anything else it loads is locked as
  /// by beginWrite.
  virtual std::unique_ptr<FilingTransaction> beginGuardedWrite() = 0;
  /// The filing `id`, read without a write lock.
  virtual std::optional<domain::Filing> find(std::int64_t id) = 0;
  /// The enterprise's list page (deleted filings excluded; only `createdBy`'s when set), newest first.
  virtual EnterpriseListPage listForEnterprise(const EnterpriseListQuery& query) = 0;
  /// The authorities' list: submitted filings matching the query, newest first, `limit + 1` rows
  /// at most (the extra row tells that there is a next page).
  virtual std::vector<FilingSummary> listForReview(const ReviewListQuery& query) = 0;
  /// The number of 新增 applications of `uscc` by filers other than `filer` now PENDING_REVIEW.
  virtual std::int64_t otherOpenNew(const std::string& uscc, const std::string& filer) = 0;
  /// Every event of a filing, ascending seq.
  virtual std::vector<domain::HistoryEvent> history(std::int64_t filingId) = 0;
  /// Ids of filings whose validity ended before `today` but that are not marked lapsed yet.
  virtual std::vector<std::int64_t> dueToLapse(domain::CalendarDate today) = 0;
  /// Ids of filings in force on `today` that expire within 90 days and whose reminder due now
  /// (reminderDue) is not recorded yet.
  virtual std::vector<std::int64_t> dueForReminder(domain::CalendarDate today) = 0;
  /// The oldest `limit` outbox notifications not handed to the host yet.
  virtual std::vector<PendingNotification> undeliveredNotifications(int limit) = 0;
  /// Marks outbox row `id` handed to the host.
  virtual void markNotificationDelivered(std::int64_t id) = 0;
  /// A reader of blob `blobId`'s bytes.
  virtual std::unique_ptr<BlobReader> openBlob(std::int64_t blobId) = 0;
};

/// SHA-256 of bytes as lower-case hex (implemented with OpenSSL in adapters/).
class Hasher {
 public:
  virtual ~Hasher() = default;
  [[nodiscard]] virtual std::string sha256Hex(std::string_view data) const = 0;
};

/// The time source (the host's clock, so that tests can move it).
class TimeSource {
 public:
  virtual ~TimeSource() = default;
  [[nodiscard]] virtual domain::Instant now() const = 0;
};

}  // namespace ucf::app
