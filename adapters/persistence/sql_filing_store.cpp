#include "adapters/persistence/sql_filing_store.hpp"

#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>

#include <Poco/Data/LOB.h>
#include <Poco/Nullable.h>

#include "adapters/persistence/filing_codec.hpp"
#include "adapters/persistence/sql_notification_outbox.hpp"
#include "adapters/persistence/store_error.hpp"
#include "dbkit/sql_error.hpp"
#include "plugin/domain/filing_lifecycle.hpp"

namespace ucf::adapters {

using dbkit::classifySqlError;
using dbkit::SqlErrorClass;
namespace {

using Poco::Int64;
using Poco::Data::BLOB;

constexpr const char* kSummaryColumns =
    "id, uscc, filer, created_by_user_id, enterprise_name, province_code, application_type, status, review_stage, "
    "complete, ever_submitted, deleted, saved_at, submitted_at, approved_at, valid_until, version, updated_at";

// Counts, beside a row of the authorities' list, the other filers' 新增 of its USCC in review
// (docs/PRODUCT.md §2.1): an open 新增 is the row's open_new_key; the partial index on uscc serves it.
constexpr const char* kOtherOpenNewColumn =
    ", (SELECT COUNT(*) FROM ucf_filing o WHERE o.uscc = ucf_filing.uscc AND o.deleted = 0 "
    "AND o.filer <> ucf_filing.filer AND o.open_new_key IS NOT NULL AND o.status = 'PENDING_REVIEW')";

// The columns a filing's row is written with, `$1..$22` in this order (rowValues).
const std::string kFilingColumns =
    "uscc, enterprise_name, province_code, application_type, status, review_stage, complete, ever_submitted, "
    "deleted, saved_at, submitted_at, approved_at, valid_until, open_new_key, version, created_at, updated_at, state, "
    "filer, created_by_user_id, created_by_account, created_by_name";
const std::string kFilingValues =
    "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22";
const std::string kInsertFiling =
    "INSERT INTO ucf_filing (" + kFilingColumns + ") VALUES (" + kFilingValues + ") RETURNING id";
// The compare-and-set of a filing's row, with the head of its history chain (migration 004) as
// `$23, $24`. Alone, RETURNING counts the rows it matched on both engines (POCO's affected row
// count for SQLite depends on earlier statements of the connection).
const std::string kCompareAndSet = "UPDATE ucf_filing SET (" + kFilingColumns + ", history_seq, history_hash) = (" +
                                   kFilingValues + ", $23, $24) WHERE id = $25 AND version = $26 RETURNING id";

// The value of the unique `open_new_key` while a 新增 is open: one open 新增 per filer and USCC.
std::string openNewKey(const std::string& uscc, const std::string& filer) { return uscc + " " + filer; }

NullableInt optMillis(const std::optional<domain::Instant>& i) {
  return i ? NullableInt(toEpochMillis(*i)) : NullableInt();
}

// A stored word this code cannot read is a damaged row, not a default: reading it as VOID or
// 新增 would show and act on a filing that is not what was stored.
template <typename T>
T decoded(std::optional<T> value, const char* column, const std::string& text) {
  if (!value) throw std::runtime_error(std::string("stored row has an unknown ") + column + " '" + text + "'");
  return *value;
}

bool isUniqueViolation(const Poco::Exception& e) { return classifySqlError(e) == SqlErrorClass::kUniqueViolation; }

// Appends the row status on `today` as a condition, for filters: a stored status whose validity
// passed reads LAPSED (see app::statusOn).
void addStatusCondition(SqlText& q, domain::FilingStatus status, domain::CalendarDate today) {
  using domain::FilingStatus;
  const std::string lapsedByDate = "(valid_until IS NOT NULL AND valid_until < ?)";
  switch (status) {
    case FilingStatus::kVoid: q.add(" AND status = 'VOID'"); return;
    case FilingStatus::kLapsed:
      q.add(" AND (status = 'LAPSED' OR (status <> 'VOID' AND " + lapsedByDate + "))", domain::toIsoString(today));
      return;
    case FilingStatus::kPendingSubmit:
    case FilingStatus::kPendingReview:
    case FilingStatus::kApproved:
    case FilingStatus::kRejected:
      q.add(" AND (status = '" + std::string(domain::toString(status)) + "' AND NOT " + lapsedByDate + ")",
            domain::toIsoString(today));
      return;
  }
  q.add(" AND 1 = 0");
}

// One column of 64-bit integers (ids, counts, versions).
struct IntColumn final : SqlColumns {
  std::vector<Int64> values;
  std::vector<Column> columns() override { return {&values}; }
};

// One column of bytes (a blob's chunk).
struct BlobColumn final : SqlColumns {
  std::vector<BLOB> values;
  std::vector<Column> columns() override { return {&values}; }
};

// History rows.
struct HistoryColumns final : SqlColumns {
  std::vector<std::string> content, hash;
  std::vector<Column> columns() override { return {&content, &hash}; }
};

// The columns of kSummaryColumns, extracted straight into typed vectors (a RecordSet turned every
// value into a Poco::Dynamic::Var first and converted it back: a third of a list's database time).
struct SummaryColumns : SqlColumns {
  std::vector<Int64> id;
  std::vector<std::string> uscc, filer, createdBy, enterpriseName, provinceCode, applicationType, status;
  std::vector<NullableText> reviewStage;
  std::vector<Int64> complete, everSubmitted, deleted;
  std::vector<NullableInt> savedAt, submittedAt, approvedAt;
  std::vector<NullableText> validUntil;
  std::vector<Int64> version, updatedAt;

  std::vector<Column> columns() override {
    return {&id,         &uscc,        &filer,    &createdBy,     &enterpriseName, &provinceCode, &applicationType,
            &status,     &reviewStage, &complete, &everSubmitted, &deleted,        &savedAt,      &submittedAt,
            &approvedAt, &validUntil,  &version,  &updatedAt};
  }

  [[nodiscard]] std::vector<app::FilingSummary> rows() const {
    auto millis = [](const NullableInt& v) -> std::optional<domain::Instant> {
      if (v.isNull()) return std::nullopt;
      return fromEpochMillis(v.value());
    };
    std::vector<app::FilingSummary> out(id.size());
    for (std::size_t i = 0; i < id.size(); ++i) {
      app::FilingSummary& s = out[i];
      s.id = id[i];
      s.uscc = uscc[i];
      s.filer = filer[i];
      s.createdBy = createdBy[i];
      s.enterpriseName = enterpriseName[i];
      s.provinceCode = provinceCode[i];
      s.applicationType =
          decoded(domain::parseApplicationType(applicationType[i]), "application_type", applicationType[i]);
      s.status = decoded(domain::parseFilingStatus(status[i]), "status", status[i]);
      if (!reviewStage[i].isNull() && !reviewStage[i].value().empty()) {
        s.reviewStage =
            decoded(domain::parseReviewStage(reviewStage[i].value()), "review_stage", reviewStage[i].value());
      }
      s.complete = complete[i] != 0;
      s.everSubmitted = everSubmitted[i] != 0;
      s.deleted = deleted[i] != 0;
      s.savedAt = millis(savedAt[i]);
      s.submittedAt = millis(submittedAt[i]);
      s.approvedAt = millis(approvedAt[i]);
      if (!validUntil[i].isNull() && !validUntil[i].value().empty()) {
        s.validUntil = decoded(domain::parseIsoDate(validUntil[i].value()), "valid_until", validUntil[i].value());
      }
      s.version = version[i];
      s.updatedAt = fromEpochMillis(updatedAt[i]);
    }
    return out;
  }
};

// The summary columns and one count after them: `COUNT(*) OVER ()` on a page of the enterprise
// list (the number of rows the filter matches, before LIMIT/OFFSET: one statement instead of a
// COUNT and a page), kOtherOpenNewColumn on the authorities' list.
struct CountedSummaryColumns final : SummaryColumns {
  std::vector<Int64> count;
  std::vector<Column> columns() override {
    auto all = SummaryColumns::columns();
    all.emplace_back(&count);
    return all;
  }
};

// A filing's stored state with the columns kept beside it.
struct FilingColumns : SqlColumns {
  std::vector<std::string> state;
  std::vector<Int64> version, updatedAt;
  std::vector<std::string> filer, creatorId, creatorAccount, creatorName;
  std::vector<Column> columns() override {
    return {&state, &version, &updatedAt, &filer, &creatorId, &creatorAccount, &creatorName};
  }
};

constexpr const char* kLoadFiling =
    "SELECT state, version, updated_at, filer, created_by_user_id, created_by_account, created_by_name "
    "FROM ucf_filing WHERE id = $1";

// What a write reads besides: the head of the history chain and the one-open-新增 key as stored.
struct WriteFilingColumns final : FilingColumns {
  std::vector<Int64> historySeq;
  std::vector<std::string> historyHash;
  std::vector<NullableText> openNewKey;
  std::vector<Column> columns() override {
    auto all = FilingColumns::columns();
    all.insert(all.end(), {&historySeq, &historyHash, &openNewKey});
    return all;
  }
};

const std::string kLoadForWrite =
    "SELECT state, version, updated_at, filer, created_by_user_id, created_by_account, created_by_name, "
    "history_seq, history_hash, open_new_key FROM ucf_filing WHERE id = $1";

std::optional<domain::Filing> filingOf(const FilingColumns& row, std::int64_t id) {
  if (row.state.empty()) return std::nullopt;
  domain::Filing f = decodeFiling(row.state.front());
  f.id = id;
  f.version = row.version.front();
  f.updatedAt = fromEpochMillis(row.updatedAt.front());  // kept in its column, not in `state`
  // Also only in columns: migration 002 gave the filings made before it their creator.
  f.filer = row.filer.front();
  f.creator = {row.creatorId.front(), row.creatorAccount.front(), row.creatorName.front()};
  return f;
}

std::optional<domain::Filing> loadFiling(Database::Lease& lease, std::int64_t id) {
  return filingOf(lease.query<FilingColumns>(kLoadFiling, id), id);
}

// The `open_new_key` a filing is stored with: set while its 新增 is open.
NullableText openNewKeyOf(const domain::Filing& f) {
  const bool openNew = f.open && f.open->type == domain::ApplicationType::kNew && !f.deleted;
  return openNew ? NullableText(openNewKey(f.uscc, f.filer)) : NullableText();
}

// The values of kFilingColumns, `$1..$22`, in that order.
auto rowValues(const domain::Filing& f, const app::FilingSummary& s) {
  return std::make_tuple(s.uscc, s.enterpriseName, s.provinceCode, std::string(domain::toString(s.applicationType)),
                         std::string(domain::toString(s.status)),
                         s.reviewStage ? NullableText(std::string(domain::toString(*s.reviewStage))) : NullableText(),
                         s.complete, s.everSubmitted, s.deleted, optMillis(s.savedAt), optMillis(s.submittedAt),
                         optMillis(s.approvedAt),
                         s.validUntil ? NullableText(domain::toIsoString(*s.validUntil)) : NullableText(),
                         openNewKeyOf(f), f.version, toEpochMillis(f.createdAt), toEpochMillis(f.updatedAt),
                         encodeFiling(f), f.filer, f.creator.userId, f.creator.account, f.creator.displayName);
}

// A write transaction. Its writes of filings, form versions, history and notifications are held
// and run together (flush) before anything that must see them, and at commit; a filing's row is
// written with the head of its history chain as it stands then, so that no write reads
// ucf_history.
//
// Locked (beginWrite): the transaction begins at once (SQLite: the process's write lock and BEGIN
// IMMEDIATE; PostgreSQL: BEGIN, and loads FOR UPDATE). Guarded (beginGuardedWrite): it reads
// without a transaction until it must write (or loads a second filing), so the decode, the rules,
// the encode and the hashing happen outside SQLite's single writer; the compare-and-set on the
// version, run first at commit, refuses the writes if the filing changed since it was read. Since
// every history event is appended by a write that bumps its filing's version, the head read with
// the row is guarded by the same compare-and-set. On PostgreSQL a guarded commit of one filing's
// writes is one data-modifying statement in autocommit (atomic on its own): with the plain read,
// two round trips for a draft save.
class SqlTransaction final : public app::FilingTransaction {
 public:
  SqlTransaction(Database& db, const app::TimeSource& time, bool guarded) : db_(db), time_(time), guarded_(guarded) {
    if (guarded_) {
      lease_.emplace(db_.lease());
    } else {
      begin();
    }
  }

  ~SqlTransaction() override {
    if (committed_ || !begun_) return;
    try {
      if (db_.dialect() == Dialect::kSqlite) {
        lease_->execute("ROLLBACK");
      } else {
        db_.countTransactionControl();
        lease_->session().rollback();
      }
    } catch (...) {
      // The connection is broken; the database discards the transaction with it.
    }
  }

  std::optional<domain::Filing> load(std::int64_t id) override {
    const bool unlocked = guarded_ && !begun_ && !pending() && (!guardedId_ || *guardedId_ == id);
    if (!unlocked) ready();
    const bool forUpdate = !unlocked && db_.dialect() == Dialect::kPostgresql;
    const auto& row = lease_->query<WriteFilingColumns>(forUpdate ? kLoadForWrite + " FOR UPDATE" : kLoadForWrite, id);
    auto filing = filingOf(row, id);
    if (!filing) return filing;
    heads_[id] = Head{row.historySeq.front(), row.historyHash.front(), false};
    storedKeys_[id] = row.openNewKey.front();
    if (unlocked) guardedId_ = id;
    return filing;
  }

  void insert(domain::Filing& filing, const app::FilingSummary& summary) override {
    ready();
    Int64 id = 0;
    try {
      const auto& ids = std::apply(  // the one-open-新增 index may refuse it
          [&](const auto&... v) -> IntColumn& { return lease_->queryRefusable<IntColumn>(kInsertFiling, v...); },
          rowValues(filing, summary));
      if (ids.values.size() != 1) throw std::runtime_error("INSERT ... RETURNING id returned no id");
      id = ids.values.front();
    } catch (const Poco::Exception& e) {
      if (isUniqueViolation(e)) throw app::UniqueViolation{};
      throw;
    }
    filing.id = id;
    heads_[id] = Head{};
    storedKeys_[id] = openNewKeyOf(filing);
  }

  void save(const domain::Filing& filing, const app::FilingSummary& summary, std::int64_t expectedVersion) override {
    saves_.push_back(PendingSave{filing.id, expectedVersion, rowValues(filing, summary)});
  }

  std::vector<std::int64_t> approvedFilingsOf(const std::string& uscc, std::int64_t exceptId,
                                              domain::CalendarDate today) override {
    const auto& ids = reading()
                          .query<IntColumn>(
                              "SELECT id FROM ucf_filing WHERE uscc = $1 AND id <> $2 AND deleted = 0 "
                              "AND status NOT IN ('VOID', 'LAPSED') AND valid_until IS NOT NULL AND valid_until >= $3",
                              uscc, exceptId, domain::toIsoString(today))
                          .values;
    return {ids.begin(), ids.end()};
  }

  bool hasOpenNew(const std::string& uscc, const std::string& filer) override {
    const auto& count =
        reading().query<IntColumn>("SELECT COUNT(*) FROM ucf_filing WHERE open_new_key = $1", openNewKey(uscc, filer));
    return !count.values.empty() && count.values.front() > 0;
  }

  std::optional<std::pair<std::int64_t, std::string>> lastEvent(std::int64_t filingId) override {
    auto it = heads_.find(filingId);
    if (it == heads_.end()) {  // not loaded by this transaction: its row has the head
      const auto& row =
          reading().query<HeadColumns>("SELECT history_seq, history_hash FROM ucf_filing WHERE id = $1", filingId);
      Head head;
      if (!row.seq.empty()) head = Head{row.seq.front(), row.hash.front(), false};
      it = heads_.emplace(filingId, head).first;
    }
    if (it->second.seq == 0) return std::nullopt;
    return std::make_pair(it->second.seq, it->second.hash);
  }

  void appendEvent(std::int64_t filingId, const domain::HistoryEvent& event) override {
    events_.push_back(PendingEvent{filingId, event.seq, domain::canonicalJson(event), event.hash});
    heads_[filingId] = Head{event.seq, event.hash, true};
  }

  void appendFormVersion(std::int64_t filingId, const domain::Application& application, const domain::Actor& actor,
                         domain::Instant at) override {
    formVersions_.push_back(PendingFormVersion{filingId, application.number, toEpochMillis(at),
                                               actor.userId + " " + actor.account, encodeApplication(application)});
  }

  void appendNotification(const app::OutgoingNotification& notification) override {
    notifications_.push_back(notification);
  }

  bool recordReminder(std::int64_t filingId, domain::CalendarDate validUntil, int days, domain::Instant at) override {
    ready();
    return notification_outbox::recordReminder(*lease_, filingId, validUntil, days, at);
  }

  std::int64_t storeBlob(const app::SpooledFile& file, const std::string& contentType) override {
    ready();
    Database::Lease& lease = *lease_;
    const std::int64_t size = file.size();
    Int64 blobId = 0;
    {
      const auto& ids = lease
                            .query<IntColumn>(
                                "INSERT INTO ucf_blob (size, sha256, content_type, created_at) VALUES ($1, $2, $3, $4) "
                                "RETURNING id",
                                size, file.sha256(), contentType, toEpochMillis(time_.now()))
                            .values;
      if (ids.size() != 1) throw std::runtime_error("INSERT ... RETURNING id returned no id");
      blobId = ids.front();
    }
    std::vector<char> buffer(SqlFilingStore::kChunkBytes);
    Int64 seq = 0;
    for (std::int64_t offset = 0; offset < size;) {
      std::size_t got = file.read(offset, buffer.data(), buffer.size());
      if (got == 0) throw std::runtime_error("spooled upload ended early");
      lease.execute("INSERT INTO ucf_blob_chunk (blob_id, seq, data) VALUES ($1, $2, $3)", blobId, seq,
                    BLOB(reinterpret_cast<const unsigned char*>(buffer.data()), got));
      ++seq;
      offset += static_cast<std::int64_t>(got);
    }
    return blobId;
  }

  void commit() override {
    if (!begun_ && !pending()) {  // a guarded transaction that wrote nothing
      committed_ = true;
      return;
    }
    if (!begun_ && db_.dialect() == Dialect::kPostgresql && oneStatementFits()) {
      commitInOneStatement();
      committed_ = true;
      return;
    }
    ready();
    if (db_.dialect() == Dialect::kSqlite) {
      lease_->execute("COMMIT");
    } else {
      db_.countTransactionControl();
      try {
        lease_->session().commit();
      } catch (...) {
        rethrowForStore(lease_->session().isConnected());
      }
    }
    committed_ = true;
  }

 private:
  using RowValues =
      decltype(rowValues(std::declval<const domain::Filing&>(), std::declval<const app::FilingSummary&>()));
  struct Head {
    std::int64_t seq = 0;  // 0: no event yet
    std::string hash;
    bool changed = false;  // by an event of this transaction, not stored yet
  };
  struct HeadColumns final : SqlColumns {
    std::vector<Int64> seq;
    std::vector<std::string> hash;
    std::vector<Column> columns() override { return {&seq, &hash}; }
  };
  struct PendingSave {
    std::int64_t id;
    std::int64_t expectedVersion;
    RowValues values;
  };
  struct PendingFormVersion {
    std::int64_t filingId, application, savedAt;
    std::string actor, content;
  };
  struct PendingEvent {
    std::int64_t filingId, seq;
    std::string content, hash;
  };

  [[nodiscard]] bool pending() const {
    return !saves_.empty() || !formVersions_.empty() || !events_.empty() || !notifications_.empty();
  }

  // Opens the database transaction if it is not open yet.
  void begin() {
    if (begun_) return;
    // SQLite: taken before the connection, so that a waiting writer holds none.
    if (db_.dialect() == Dialect::kSqlite) lease_.reset();
    lock_ = db_.writeLock();
    if (!lease_) lease_.emplace(db_.lease());
    if (db_.dialect() == Dialect::kSqlite) {
      lease_->execute("BEGIN IMMEDIATE");
    } else {
      db_.countTransactionControl();
      try {
        lease_->session().begin();
      } catch (...) {
        rethrowForStore(lease_->session().isConnected());
      }
    }
    begun_ = true;
  }

  // In the transaction, with every held write run.
  void ready() {
    begin();
    flush();
  }

  // The connection for a read, which sees this transaction's writes.
  Database::Lease& reading() {
    if (begun_ || pending()) ready();
    return *lease_;
  }

  // Runs the held writes, the compare-and-sets first.
  void flush() {
    for (PendingSave& save : saves_) {
      Head& head = heads_[save.id];
      std::size_t matched = 0;
      try {
        matched = std::apply(
            [&](const auto&... v) {
              return run<IntColumn>(keyMayClash(save), kCompareAndSet, v..., head.seq, head.hash, save.id,
                                    save.expectedVersion)
                  .values.size();
            },
            save.values);
      } catch (const Poco::Exception& e) {
        if (isUniqueViolation(e)) throw app::UniqueViolation{};
        throw;
      }
      if (matched != 1) throw app::StaleVersion{};
      head.changed = false;
      storedKeys_[save.id] = std::get<13>(save.values);
    }
    for (const PendingFormVersion& v : formVersions_) {
      lease_->execute(
          "INSERT INTO ucf_form_version (filing_id, application, saved_at, actor, content) VALUES ($1, $2, $3, $4, $5)",
          v.filingId, v.application, v.savedAt, v.actor, v.content);
    }
    for (const PendingEvent& e : events_) {
      lease_->execute("INSERT INTO ucf_history (filing_id, seq, content, hash) VALUES ($1, $2, $3, $4)", e.filingId,
                      e.seq, e.content, e.hash);
    }
    for (const auto& n : notifications_) notification_outbox::append(*lease_, n);
    for (auto& [id, head] : heads_) {  // events of a filing whose row this transaction did not save
      if (!head.changed) continue;
      lease_->execute("UPDATE ucf_filing SET history_seq = $1, history_hash = $2 WHERE id = $3", head.seq, head.hash,
                      id);
      head.changed = false;
    }
    saves_.clear();
    formVersions_.clear();
    events_.clear();
    notifications_.clear();
  }

  // Whether the unique one-open-新增 index may refuse this save: only when it changes the key.
  bool keyMayClash(const PendingSave& save) const {
    auto stored = storedKeys_.find(save.id);
    return stored == storedKeys_.end() || !(stored->second == std::get<13>(save.values));
  }

  template <typename Columns, typename... Args>
  Columns& run(bool mayFail, const std::string& sql, Args&&... args) {
    return mayFail ? lease_->queryRefusable<Columns>(sql, std::forward<Args>(args)...)
                   : lease_->query<Columns>(sql, std::forward<Args>(args)...);
  }

  // One filing's compare-and-set with its form versions and events, and nothing else: what one
  // PostgreSQL statement can carry.
  [[nodiscard]] bool oneStatementFits() const {
    if (saves_.size() != 1 || !notifications_.empty()) return false;
    const std::int64_t id = saves_.front().id;
    for (const auto& v : formVersions_) {
      if (v.filingId != id) return false;
    }
    for (const auto& e : events_) {
      if (e.filingId != id) return false;
    }
    return true;
  }

  // WITH upd AS (the compare-and-set RETURNING id), inserts that select FROM upd (so they insert
  // nothing when it matched no row) SELECT id FROM upd. Its SQL depends only on how many form
  // versions and events it carries, so it stays prepared.
  void commitInOneStatement() {
    PendingSave& save = saves_.front();
    const Head& head = heads_[save.id];
    SqlText q("WITH upd AS (" + kCompareAndSet + ")");
    std::apply([&](auto&... v) { q.values() = sqlValues(v..., head.seq, head.hash, save.id, save.expectedVersion); },
               save.values);
    for (std::size_t i = 0; i < formVersions_.size(); ++i) {
      const PendingFormVersion& v = formVersions_[i];
      q.add(", fv" + std::to_string(i) +
                " AS (INSERT INTO ucf_form_version (filing_id, application, saved_at, actor, content) SELECT id, "
                "?::bigint",
            v.application);
      q.add(", ?::bigint", v.savedAt);
      q.add(", ?::text", v.actor);
      q.add(", ?::text FROM upd)", v.content);
    }
    if (!events_.empty()) q.add(", ev AS (INSERT INTO ucf_history (filing_id, seq, content, hash) ");
    for (std::size_t i = 0; i < events_.size(); ++i) {
      const PendingEvent& e = events_[i];
      q.add(i == 0 ? "SELECT id, ?::bigint" : " UNION ALL SELECT id, ?::bigint", e.seq);
      q.add(", ?::text", e.content);
      q.add(", ?::text FROM upd", e.hash);
    }
    if (!events_.empty()) q.add(")");
    q.add(" SELECT id FROM upd");
    std::size_t matched = 0;
    try {
      matched = (keyMayClash(save) ? lease_->queryRefusable<IntColumn>(q) : lease_->query<IntColumn>(q)).values.size();
    } catch (const Poco::Exception& e) {
      if (isUniqueViolation(e)) throw app::UniqueViolation{};
      throw;
    }
    if (matched != 1) throw app::StaleVersion{};
  }

  Database& db_;
  const app::TimeSource& time_;
  bool guarded_;
  bool begun_ = false;
  bool committed_ = false;
  std::unique_lock<std::mutex> lock_;
  std::optional<Database::Lease> lease_;
  std::optional<std::int64_t> guardedId_;  // the filing read without a lock
  std::map<std::int64_t, Head> heads_;
  std::map<std::int64_t, NullableText> storedKeys_;  // open_new_key as stored
  std::vector<PendingSave> saves_;
  std::vector<PendingFormVersion> formVersions_;
  std::vector<PendingEvent> events_;
  std::vector<app::OutgoingNotification> notifications_;
};

class SqlBlobReader final : public app::BlobReader {
 public:
  SqlBlobReader(Database& db, std::int64_t blobId) : lease_(db.lease()), blobId_(blobId) {}

  void copyTo(std::ostream& out) override {
    for (Int64 seq = 0;; ++seq) {
      const auto& chunks =
          lease_.query<BlobColumn>("SELECT data FROM ucf_blob_chunk WHERE blob_id = $1 AND seq = $2", blobId_, seq)
              .values;
      if (chunks.empty()) break;
      const std::vector<unsigned char>& bytes = chunks.front().content();
      out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
      if (!out) throw std::runtime_error("client went away during a download");
    }
  }

 private:
  Database::Lease lease_;
  std::int64_t blobId_;
};

}  // namespace

std::unique_ptr<app::FilingTransaction> SqlFilingStore::beginWrite() {
  return std::make_unique<SqlTransaction>(db_, time_, false);
}

std::unique_ptr<app::FilingTransaction> SqlFilingStore::beginGuardedWrite() {
  return std::make_unique<SqlTransaction>(db_, time_, true);
}

std::optional<domain::Filing> SqlFilingStore::find(std::int64_t id) {
  Database::Lease lease = db_.lease();
  return loadFiling(lease, id);
}

app::EnterpriseListPage SqlFilingStore::listForEnterprise(const app::EnterpriseListQuery& query) {
  Database::Lease lease = db_.lease();
  // `head`: the SELECT up to its FROM clause.
  auto select = [&](std::string head) {
    SqlText q(std::move(head) + " FROM ucf_filing WHERE uscc = $1 AND deleted = 0", query.uscc);
    if (query.createdBy) q.add(" AND created_by_user_id = ?", *query.createdBy);
    if (query.status) addStatusCondition(q, *query.status, query.today);
    if (query.applicationType) q.add(" AND application_type = ?", domain::toString(*query.applicationType));
    if (query.expiringWithin) {
      q.add(" AND status NOT IN ('VOID', 'LAPSED') AND valid_until IS NOT NULL AND valid_until >= ?",
            domain::toIsoString(query.today));
      q.add(" AND valid_until <= ?", domain::toIsoString(domain::addDays(query.today, *query.expiringWithin)));
    }
    return q;
  };
  auto pageSql = [&](std::string_view extraColumns) {
    SqlText q = select(std::string("SELECT ") + kSummaryColumns + std::string(extraColumns));
    q.add(" ORDER BY id DESC LIMIT ?", query.pageSize);
    q.add(" OFFSET ?", Int64(query.pageSize) * (Int64(query.page) - 1));
    return q;
  };
  auto countAll = [&] {
    SqlText q = select("SELECT COUNT(*)");
    const auto& total = lease.query<IntColumn>(q);
    return total.values.empty() ? Int64(0) : total.values.front();
  };
  app::EnterpriseListPage page;
  if (db_.dialect() == Dialect::kPostgresql) {
    // The page carries the count, saving a round trip; a page past the last has no row to carry
    // it. (SQLite, in process, would sort the whole window into a temporary table for it: a
    // 10-row list went from 140k to 223k instructions, so it keeps the two statements.)
    SqlText q = pageSql(", COUNT(*) OVER ()");
    const auto& rows = lease.query<CountedSummaryColumns>(q);
    page.items = rows.rows();
    page.total = !rows.count.empty() ? rows.count.front() : query.page == 1 ? 0 : countAll();
    return page;
  }
  page.total = countAll();
  SqlText q = pageSql("");
  page.items = lease.query<SummaryColumns>(q).rows();
  return page;
}

std::vector<app::FilingSummary> SqlFilingStore::listForReview(const app::ReviewListQuery& query) {
  Database::Lease lease = db_.lease();
  SqlText q(std::string("SELECT ") + kSummaryColumns + kOtherOpenNewColumn + " FROM ucf_filing");
  // Without a province, SQLite's planner walks the table in rowid order and reads every
  // never-submitted row on its way (newest drafts first); the partial index holds submitted rows only.
  if (!query.provinceCode && db_.dialect() == Dialect::kSqlite) q.add(" INDEXED BY ucf_filing_review_all");
  // PostgreSQL's planner made the same walk backwards through the primary key, filtering out the
  // newest never-submitted rows (12,000 in the benchmark: 150 req/s), because its estimate put
  // that a hair below the partial index. The page's ids are chosen first, by a subquery that the
  // partial index answers alone (an index-only scan), and only its rows are read. With a province
  // the planner already takes ucf_filing_review (province_code, id DESC).
  const bool idsFirst = !query.provinceCode && db_.dialect() == Dialect::kPostgresql;
  if (idsFirst) q.add(" WHERE id IN (SELECT id FROM ucf_filing");
  q.add(" WHERE ever_submitted = 1");
  if (query.provinceCode) q.add(" AND province_code = ?", *query.provinceCode);
  if (query.status) addStatusCondition(q, *query.status, query.today);
  if (query.stage) q.add(" AND review_stage = ?", domain::toString(*query.stage));
  if (query.text && !query.text->empty()) {
    std::string pattern = "%";
    for (char c : *query.text) {
      if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
      pattern.push_back(c);
    }
    pattern.push_back('%');
    q.add(" AND (enterprise_name LIKE ? ESCAPE '\\' OR uscc LIKE ? ESCAPE '\\')", pattern);
  }
  if (query.beforeId) q.add(" AND id < ?", *query.beforeId);
  q.add(" ORDER BY id DESC LIMIT ?", query.limit + 1);
  if (idsFirst) q.add(") ORDER BY id DESC");
  const auto& columns = lease.query<CountedSummaryColumns>(q);
  auto rows = columns.rows();
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].otherOpenNew = columns.count[i];
  return rows;
}

std::int64_t SqlFilingStore::otherOpenNew(const std::string& uscc, const std::string& filer) {
  Database::Lease lease = db_.lease();
  const auto& count = lease
                          .query<IntColumn>(
                              "SELECT COUNT(*) FROM ucf_filing WHERE uscc = $1 AND deleted = 0 AND filer <> $2 "
                              "AND open_new_key IS NOT NULL AND status = 'PENDING_REVIEW'",
                              uscc, filer)
                          .values;
  return count.empty() ? 0 : count.front();
}

std::vector<domain::HistoryEvent> SqlFilingStore::history(std::int64_t filingId) {
  Database::Lease lease = db_.lease();
  const auto& rows =
      lease.query<HistoryColumns>("SELECT content, hash FROM ucf_history WHERE filing_id = $1 ORDER BY seq", filingId);
  std::vector<domain::HistoryEvent> out;
  out.reserve(rows.content.size());
  for (std::size_t i = 0; i < rows.content.size(); ++i)
    out.push_back(decodeHistoryEvent(rows.content[i], rows.hash[i]));
  return out;
}

std::vector<std::int64_t> SqlFilingStore::dueToLapse(domain::CalendarDate today) {
  Database::Lease lease = db_.lease();
  const auto& ids = lease
                        .query<IntColumn>(
                            "SELECT id FROM ucf_filing WHERE status NOT IN ('VOID', 'LAPSED') AND deleted = 0 "
                            "AND valid_until IS NOT NULL AND valid_until < $1",
                            domain::toIsoString(today))
                        .values;
  return {ids.begin(), ids.end()};
}

std::vector<std::int64_t> SqlFilingStore::dueForReminder(domain::CalendarDate today) {
  return notification_outbox::dueForReminder(db_, today);
}

std::vector<app::PendingNotification> SqlFilingStore::undeliveredNotifications(int limit) {
  return notification_outbox::undelivered(db_, limit);
}

void SqlFilingStore::markNotificationDelivered(std::int64_t id) {
  notification_outbox::markDelivered(db_, id, time_.now());
}

std::unique_ptr<app::BlobReader> SqlFilingStore::openBlob(std::int64_t blobId) {
  return std::make_unique<SqlBlobReader>(db_, blobId);
}

}  // namespace ucf::adapters
