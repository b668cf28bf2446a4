#include "adapters/persistence/sql_filing_store.hpp"

#include <Poco/Data/LOB.h>
#include <Poco/Nullable.h>

#include "adapters/persistence/filing_codec.hpp"
#include "adapters/persistence/sql_notification_outbox.hpp"
#include "plugin/domain/filing_lifecycle.hpp"

namespace ucf::adapters {
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

// The value of the unique `open_new_key` while a 新增 is open: one open 新增 per filer and USCC.
std::string openNewKey(const std::string& uscc, const std::string& filer) { return uscc + " " + filer; }

NullableInt optMillis(const std::optional<domain::Instant>& i) {
  return i ? NullableInt(toEpochMillis(*i)) : NullableInt();
}

bool isUniqueViolation(const Poco::Exception& e) {
  const std::string text = e.displayText();
  return text.find("UNIQUE constraint failed") != std::string::npos ||
         text.find("duplicate key value") != std::string::npos || text.find("23505") != std::string::npos;
}

// The row status on `today` expressed in SQL, for filters: a stored status whose validity
// passed reads LAPSED (see app::statusOn). `$n` is today's date.
std::string statusCondition(domain::FilingStatus status, const std::string& todayParam) {
  using domain::FilingStatus;
  const std::string lapsedByDate = "(valid_until IS NOT NULL AND valid_until < " + todayParam + ")";
  switch (status) {
    case FilingStatus::kVoid: return "status = 'VOID'";
    case FilingStatus::kLapsed: return "(status = 'LAPSED' OR (status <> 'VOID' AND " + lapsedByDate + "))";
    case FilingStatus::kPendingSubmit:
    case FilingStatus::kPendingReview:
    case FilingStatus::kApproved:
    case FilingStatus::kRejected:
      return "(status = '" + std::string(domain::toString(status)) + "' AND NOT " + lapsedByDate + ")";
  }
  return "1 = 0";
}

// Builds a statement with numbered placeholders and runs it through the connection's cache of
// prepared statements. SQLite reads `$n` as a *named* parameter indexed by first appearance, so
// each placeholder must be appended to the SQL text in the order param() was called: one param()
// per `+=` statement, never two in one expression (C++ leaves their evaluation order unspecified).
class Query {
 public:
  explicit Query(Database::Lease& lease) : lease_(lease) {}
  template <typename T>
  std::string param(T value) {
    params_.emplace_back(std::in_place_type<T>, std::move(value));
    return "$" + std::to_string(params_.size());
  }
  /// Runs `sql`; its rows go to the returned columns (valid until the same SQL runs again).
  /// `mayFail`: a unique violation is an expected outcome (see StatementCache::run).
  template <typename Columns = NoColumns>
  Columns& run(const std::string& sql, bool mayFail = false) {
    Columns& columns = lease_.statements().run<Columns>(sql, params_, rows_, mayFail);
    params_.clear();
    return columns;
  }
  /// Rows extracted or affected by the last run.
  [[nodiscard]] std::size_t rows() const { return rows_; }

 private:
  Database::Lease& lease_;
  std::vector<SqlValue> params_;
  std::size_t rows_ = 0;
};

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

// The last history event of a filing.
struct LastEventColumns final : SqlColumns {
  std::vector<Int64> seq;
  std::vector<std::string> hash;
  std::vector<Column> columns() override { return {&seq, &hash}; }
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
      s.applicationType = domain::parseApplicationType(applicationType[i]).value_or(domain::ApplicationType::kNew);
      s.status = domain::parseFilingStatus(status[i]).value_or(domain::FilingStatus::kVoid);
      if (!reviewStage[i].isNull() && !reviewStage[i].value().empty()) {
        s.reviewStage = domain::parseReviewStage(reviewStage[i].value());
      }
      s.complete = complete[i] != 0;
      s.everSubmitted = everSubmitted[i] != 0;
      s.deleted = deleted[i] != 0;
      s.savedAt = millis(savedAt[i]);
      s.submittedAt = millis(submittedAt[i]);
      s.approvedAt = millis(approvedAt[i]);
      if (!validUntil[i].isNull() && !validUntil[i].value().empty()) {
        s.validUntil = domain::parseIsoDate(validUntil[i].value());
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
struct FilingColumns final : SqlColumns {
  std::vector<std::string> state;
  std::vector<Int64> version, updatedAt;
  std::vector<std::string> filer, creatorId, creatorAccount, creatorName;
  std::vector<Column> columns() override {
    return {&state, &version, &updatedAt, &filer, &creatorId, &creatorAccount, &creatorName};
  }
};

std::optional<domain::Filing> loadFiling(Database::Lease& lease, std::int64_t id, bool forUpdate) {
  Query q(lease);
  std::string sql =
      "SELECT state, version, updated_at, filer, created_by_user_id, created_by_account, created_by_name "
      "FROM ucf_filing WHERE id = " +
      q.param(Int64(id));
  if (forUpdate) sql += " FOR UPDATE";
  const auto& row = q.run<FilingColumns>(sql);
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

class SqlTransaction final : public app::FilingTransaction {
 public:
  explicit SqlTransaction(Database& db) : db_(db), lock_(db.writeLock()), lease_(db.lease()) {
    if (db_.dialect() == Dialect::kSqlite) {
      Query(lease_).run("BEGIN IMMEDIATE");
    } else {
      lease_.session().begin();
    }
  }

  ~SqlTransaction() override {
    if (committed_) return;
    try {
      if (db_.dialect() == Dialect::kSqlite) {
        Query(lease_).run("ROLLBACK");
      } else {
        lease_.session().rollback();
      }
    } catch (...) {
      // The connection is broken; the database discards the transaction with it.
    }
  }

  std::optional<domain::Filing> load(std::int64_t id) override {
    return loadFiling(lease_, id, db_.dialect() == Dialect::kPostgresql);
  }

  void insert(domain::Filing& filing, const app::FilingSummary& summary) override {
    Int64 id = 0;
    try {
      Query q(lease_);
      std::string sql =
          "INSERT INTO ucf_filing (uscc, enterprise_name, province_code, application_type, status, review_stage, "
          "complete, ever_submitted, deleted, saved_at, submitted_at, approved_at, valid_until, open_new_key, "
          "version, created_at, updated_at, state, filer, created_by_user_id, created_by_account, created_by_name) "
          "VALUES (" +
          values(q, filing, summary) + ") RETURNING id";
      const auto& ids = q.run<IntColumn>(sql, true);  // the one-open-新增 index may refuse it
      if (ids.values.size() != 1) throw std::runtime_error("INSERT ... RETURNING id returned no id");
      id = ids.values.front();
    } catch (const Poco::Exception& e) {
      if (isUniqueViolation(e)) throw app::UniqueViolation{};
      throw;
    }
    filing.id = id;
  }

  void save(const domain::Filing& filing, const app::FilingSummary& summary, std::int64_t expectedVersion) override {
    std::size_t changed = 0;
    try {
      Query q(lease_);
      std::string sql =
          "UPDATE ucf_filing SET (uscc, enterprise_name, province_code, application_type, status, review_stage, "
          "complete, ever_submitted, deleted, saved_at, submitted_at, approved_at, valid_until, open_new_key, "
          "version, created_at, updated_at, state, filer, created_by_user_id, created_by_account, created_by_name) = "
          "(" +
          values(q, filing, summary) + ")";
      sql += " WHERE id = " + q.param(Int64(filing.id));
      sql += " AND version = " + q.param(Int64(expectedVersion));
      // RETURNING counts the rows the compare-and-set matched on both engines (POCO's affected
      // row count for SQLite depends on earlier statements of the connection).
      sql += " RETURNING id";
      changed = q.run<IntColumn>(sql, true).values.size();  // the one-open-新增 index may refuse it
    } catch (const Poco::Exception& e) {
      if (isUniqueViolation(e)) throw app::UniqueViolation{};
      throw;
    }
    if (changed != 1) throw app::StaleVersion{};
  }

  std::vector<std::int64_t> approvedFilingsOf(const std::string& uscc, std::int64_t exceptId,
                                              domain::CalendarDate today) override {
    Query q(lease_);
    std::string sql = "SELECT id FROM ucf_filing WHERE uscc = " + q.param(uscc);
    sql += " AND id <> " + q.param(Int64(exceptId));
    sql += " AND deleted = 0 AND status NOT IN ('VOID', 'LAPSED') AND valid_until IS NOT NULL AND valid_until >= " +
           q.param(domain::toIsoString(today));
    const auto& ids = q.run<IntColumn>(sql).values;
    return {ids.begin(), ids.end()};
  }

  bool hasOpenNew(const std::string& uscc, const std::string& filer) override {
    Query q(lease_);
    const auto& count =
        q.run<IntColumn>("SELECT COUNT(*) FROM ucf_filing WHERE open_new_key = " + q.param(openNewKey(uscc, filer)));
    return !count.values.empty() && count.values.front() > 0;
  }

  std::optional<std::pair<std::int64_t, std::string>> lastEvent(std::int64_t filingId) override {
    Query q(lease_);
    const auto& last =
        q.run<LastEventColumns>("SELECT seq, hash FROM ucf_history WHERE filing_id = " + q.param(Int64(filingId)) +
                                " ORDER BY seq DESC LIMIT 1");
    if (last.seq.empty()) return std::nullopt;
    return std::make_pair(static_cast<std::int64_t>(last.seq.front()), last.hash.front());
  }

  void appendEvent(std::int64_t filingId, const domain::HistoryEvent& event) override {
    Query q(lease_);
    std::string sql = "INSERT INTO ucf_history (filing_id, seq, content, hash) VALUES (" + q.param(Int64(filingId));
    sql += ", " + q.param(Int64(event.seq));
    sql += ", " + q.param(domain::canonicalJson(event));
    sql += ", " + q.param(event.hash) + ")";
    q.run(sql);
  }

  void appendFormVersion(std::int64_t filingId, const domain::Application& application, const domain::Actor& actor,
                         domain::Instant at) override {
    Query q(lease_);
    std::string sql = "INSERT INTO ucf_form_version (filing_id, application, saved_at, actor, content) VALUES (" +
                      q.param(Int64(filingId));
    sql += ", " + q.param(Int64(application.number));
    sql += ", " + q.param(Int64(toEpochMillis(at)));
    sql += ", " + q.param(actor.userId + " " + actor.account);
    sql += ", " + q.param(encodeApplication(application)) + ")";
    q.run(sql);
  }

  void appendNotification(const app::OutgoingNotification& notification) override {
    notification_outbox::append(lease_, notification);
  }

  bool recordReminder(std::int64_t filingId, domain::CalendarDate validUntil, int days, domain::Instant at) override {
    return notification_outbox::recordReminder(lease_, filingId, validUntil, days, at);
  }

  std::int64_t storeBlob(const app::SpooledFile& file, const std::string& contentType) override {
    const std::int64_t size = file.size();
    Int64 blobId = 0;
    {
      Query q(lease_);
      std::string sql = "INSERT INTO ucf_blob (size, sha256, content_type, created_at) VALUES (" + q.param(Int64(size));
      sql += ", " + q.param(file.sha256());
      sql += ", " + q.param(contentType);
      sql += ", " + q.param(Int64(toEpochMillis(std::chrono::system_clock::now()))) + ") RETURNING id";
      const auto& ids = q.run<IntColumn>(sql).values;
      if (ids.size() != 1) throw std::runtime_error("INSERT ... RETURNING id returned no id");
      blobId = ids.front();
    }
    std::vector<char> buffer(SqlFilingStore::kChunkBytes);
    Int64 seq = 0;
    for (std::int64_t offset = 0; offset < size;) {
      std::size_t got = file.read(offset, buffer.data(), buffer.size());
      if (got == 0) throw std::runtime_error("spooled upload ended early");
      Query q(lease_);
      std::string sql = "INSERT INTO ucf_blob_chunk (blob_id, seq, data) VALUES (" + q.param(blobId);
      sql += ", " + q.param(seq);
      sql += ", " + q.param(BLOB(reinterpret_cast<const unsigned char*>(buffer.data()), got)) + ")";
      q.run(sql);
      ++seq;
      offset += static_cast<std::int64_t>(got);
    }
    return blobId;
  }

  void commit() override {
    if (db_.dialect() == Dialect::kSqlite) {
      Query(lease_).run("COMMIT");
    } else {
      lease_.session().commit();
    }
    committed_ = true;
  }

 private:
  static std::string values(Query& q, const domain::Filing& f, const app::FilingSummary& s) {
    const bool openNew = f.open && f.open->type == domain::ApplicationType::kNew && !f.deleted;
    std::string v;
    auto add = [&](const std::string& p) { v += v.empty() ? p : ", " + p; };
    add(q.param(s.uscc));
    add(q.param(s.enterpriseName));
    add(q.param(s.provinceCode));
    add(q.param(std::string(domain::toString(s.applicationType))));
    add(q.param(std::string(domain::toString(s.status))));
    add(q.param(s.reviewStage ? NullableText(std::string(domain::toString(*s.reviewStage))) : NullableText()));
    add(q.param(Int64(s.complete)));
    add(q.param(Int64(s.everSubmitted)));
    add(q.param(Int64(s.deleted)));
    add(q.param(optMillis(s.savedAt)));
    add(q.param(optMillis(s.submittedAt)));
    add(q.param(optMillis(s.approvedAt)));
    add(q.param(s.validUntil ? NullableText(domain::toIsoString(*s.validUntil)) : NullableText()));
    add(q.param(openNew ? NullableText(openNewKey(f.uscc, f.filer)) : NullableText()));
    add(q.param(Int64(f.version)));
    add(q.param(toEpochMillis(f.createdAt)));
    add(q.param(toEpochMillis(f.updatedAt)));
    add(q.param(encodeFiling(f)));
    add(q.param(f.filer));
    add(q.param(f.creator.userId));
    add(q.param(f.creator.account));
    add(q.param(f.creator.displayName));
    return v;
  }

  Database& db_;
  std::unique_lock<std::mutex> lock_;  // taken before the connection: a waiting writer holds none
  Database::Lease lease_;
  bool committed_ = false;
};

class SqlBlobReader final : public app::BlobReader {
 public:
  SqlBlobReader(Database& db, std::int64_t blobId) : lease_(db.lease()), blobId_(blobId) {}

  void copyTo(std::ostream& out) override {
    for (Int64 seq = 0;; ++seq) {
      Query q(lease_);
      std::string sql = "SELECT data FROM ucf_blob_chunk WHERE blob_id = " + q.param(Int64(blobId_));
      sql += " AND seq = " + q.param(seq);
      const auto& chunks = q.run<BlobColumn>(sql).values;
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

std::unique_ptr<app::FilingTransaction> SqlFilingStore::beginWrite() { return std::make_unique<SqlTransaction>(db_); }

std::optional<domain::Filing> SqlFilingStore::find(std::int64_t id) {
  Database::Lease lease = db_.lease();
  return loadFiling(lease, id, false);
}

app::EnterpriseListPage SqlFilingStore::listForEnterprise(const app::EnterpriseListQuery& query) {
  Database::Lease lease = db_.lease();
  auto where = [&](Query& q) {
    std::string w = " WHERE uscc = " + q.param(query.uscc) + " AND deleted = 0";
    if (query.createdBy) w += " AND created_by_user_id = " + q.param(*query.createdBy);
    if (query.status) w += " AND " + statusCondition(*query.status, q.param(domain::toIsoString(query.today)));
    if (query.applicationType) {
      w += " AND application_type = " + q.param(std::string(domain::toString(*query.applicationType)));
    }
    if (query.expiringWithin) {
      w += " AND status NOT IN ('VOID', 'LAPSED') AND valid_until IS NOT NULL AND valid_until >= " +
           q.param(domain::toIsoString(query.today));
      w += " AND valid_until <= " + q.param(domain::toIsoString(domain::addDays(query.today, *query.expiringWithin)));
    }
    return w;
  };
  auto pageSql = [&](Query& q, std::string_view extraColumns) {
    std::string sql = std::string("SELECT ") + kSummaryColumns + std::string(extraColumns) + " FROM ucf_filing" +
                      where(q) + " ORDER BY id DESC";
    sql += " LIMIT " + q.param(Int64(query.pageSize));
    sql += " OFFSET " + q.param(Int64(query.pageSize) * (Int64(query.page) - 1));
    return sql;
  };
  auto countAll = [&] {
    Query q(lease);
    const auto& total = q.run<IntColumn>("SELECT COUNT(*) FROM ucf_filing" + where(q));
    return total.values.empty() ? Int64(0) : total.values.front();
  };
  app::EnterpriseListPage page;
  if (db_.dialect() == Dialect::kPostgresql) {
    // The page carries the count, saving a round trip; a page past the last has no row to carry
    // it. (SQLite, in process, would sort the whole window into a temporary table for it: a
    // 10-row list went from 140k to 223k instructions, so it keeps the two statements.)
    Query q(lease);
    const auto& rows = q.run<CountedSummaryColumns>(pageSql(q, ", COUNT(*) OVER ()"));
    page.items = rows.rows();
    page.total = !rows.count.empty() ? rows.count.front() : query.page == 1 ? 0 : countAll();
    return page;
  }
  page.total = countAll();
  Query q(lease);
  page.items = q.run<SummaryColumns>(pageSql(q, "")).rows();
  return page;
}

std::vector<app::FilingSummary> SqlFilingStore::listForReview(const app::ReviewListQuery& query) {
  Database::Lease lease = db_.lease();
  Query q(lease);
  std::string sql = std::string("SELECT ") + kSummaryColumns + kOtherOpenNewColumn + " FROM ucf_filing";
  // Without a province, SQLite's planner walks the table in rowid order and reads every
  // never-submitted row on its way (newest drafts first); the partial index holds submitted rows only.
  if (!query.provinceCode && db_.dialect() == Dialect::kSqlite) sql += " INDEXED BY ucf_filing_review_all";
  sql += " WHERE ever_submitted = 1";
  if (query.provinceCode) sql += " AND province_code = " + q.param(*query.provinceCode);
  if (query.status) sql += " AND " + statusCondition(*query.status, q.param(domain::toIsoString(query.today)));
  if (query.stage) sql += " AND review_stage = " + q.param(std::string(domain::toString(*query.stage)));
  if (query.text && !query.text->empty()) {
    std::string pattern = "%";
    for (char c : *query.text) {
      if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
      pattern.push_back(c);
    }
    pattern.push_back('%');
    sql += " AND (enterprise_name LIKE " + q.param(pattern) + " ESCAPE '\\'";
    sql += " OR uscc LIKE " + q.param(pattern) + " ESCAPE '\\')";
  }
  if (query.beforeId) sql += " AND id < " + q.param(Int64(*query.beforeId));
  sql += " ORDER BY id DESC LIMIT " + q.param(Int64(query.limit + 1));
  const auto& columns = q.run<CountedSummaryColumns>(sql);
  auto rows = columns.rows();
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].otherOpenNew = columns.count[i];
  return rows;
}

std::int64_t SqlFilingStore::otherOpenNew(const std::string& uscc, const std::string& filer) {
  Database::Lease lease = db_.lease();
  Query q(lease);
  std::string sql = "SELECT COUNT(*) FROM ucf_filing WHERE uscc = " + q.param(uscc);
  sql += " AND deleted = 0 AND filer <> " + q.param(filer);
  sql += " AND open_new_key IS NOT NULL AND status = 'PENDING_REVIEW'";
  const auto& count = q.run<IntColumn>(sql).values;
  return count.empty() ? 0 : count.front();
}

std::vector<domain::HistoryEvent> SqlFilingStore::history(std::int64_t filingId) {
  Database::Lease lease = db_.lease();
  Query q(lease);
  const auto& rows = q.run<HistoryColumns>(
      "SELECT content, hash FROM ucf_history WHERE filing_id = " + q.param(Int64(filingId)) + " ORDER BY seq");
  std::vector<domain::HistoryEvent> out;
  out.reserve(rows.content.size());
  for (std::size_t i = 0; i < rows.content.size(); ++i)
    out.push_back(decodeHistoryEvent(rows.content[i], rows.hash[i]));
  return out;
}

std::vector<std::int64_t> SqlFilingStore::dueToLapse(domain::CalendarDate today) {
  Database::Lease lease = db_.lease();
  Query q(lease);
  const auto& ids = q.run<IntColumn>(
                         "SELECT id FROM ucf_filing WHERE status NOT IN ('VOID', 'LAPSED') AND deleted = 0 "
                         "AND valid_until IS NOT NULL AND valid_until < " +
                         q.param(domain::toIsoString(today)))
                        .values;
  return {ids.begin(), ids.end()};
}

std::vector<std::int64_t> SqlFilingStore::dueForReminder(domain::CalendarDate today) {
  return notification_outbox::dueForReminder(db_, today);
}

std::vector<app::PendingNotification> SqlFilingStore::undeliveredNotifications(int limit) {
  return notification_outbox::undelivered(db_, limit);
}

void SqlFilingStore::markNotificationDelivered(std::int64_t id) { notification_outbox::markDelivered(db_, id); }

std::unique_ptr<app::BlobReader> SqlFilingStore::openBlob(std::int64_t blobId) {
  return std::make_unique<SqlBlobReader>(db_, blobId);
}

}  // namespace ucf::adapters
