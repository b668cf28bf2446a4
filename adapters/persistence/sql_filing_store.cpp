#include "adapters/persistence/sql_filing_store.hpp"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include "adapters/persistence/filing_codec.hpp"
#include "plugin/domain/filing_lifecycle.hpp"

namespace ucf::adapters {
namespace {

using Poco::Data::Keywords::bind;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;
using Poco::Int64;
using NullableText = Poco::Nullable<std::string>;
using NullableInt = Poco::Nullable<Int64>;

constexpr const char* kSummaryColumns =
    "id, uscc, enterprise_name, province_code, application_type, status, review_stage, complete, "
    "ever_submitted, deleted, saved_at, submitted_at, approved_at, valid_until, version, updated_at";

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
    case FilingStatus::kLapsed:
      return "(status = 'LAPSED' OR (status <> 'VOID' AND " + lapsedByDate + "))";
    case FilingStatus::kPendingSubmit:
    case FilingStatus::kPendingReview:
    case FilingStatus::kApproved:
    case FilingStatus::kRejected:
      return "(status = '" + std::string(domain::toString(status)) + "' AND NOT " + lapsedByDate + ")";
  }
  return "1 = 0";
}

// Builds a statement with numbered placeholders and values bound in order. SQLite reads `$n` as
// a *named* parameter indexed by first appearance, so each placeholder must be appended to the
// SQL text in the order param() was called: one param() per `+=` statement, never two in one
// expression (C++ leaves their evaluation order unspecified).
class Query {
 public:
  explicit Query(Poco::Data::Session& session) : statement_(session) {}
  template <typename T>
  std::string param(const T& value) {
    statement_, bind(value);
    return "$" + std::to_string(++count_);
  }
  Poco::Data::Statement& run(const std::string& sql) {
    statement_ << sql;
    count_ = 0;
    rows_ = statement_.execute();
    return statement_;
  }
  /// Rows extracted or affected by the last run.
  [[nodiscard]] std::size_t rows() const { return rows_; }

 private:
  Poco::Data::Statement statement_;
  int count_ = 0;
  std::size_t rows_ = 0;
};

app::FilingSummary readSummary(Poco::Data::RecordSet& rs) {
  app::FilingSummary s;
  auto text = [&](std::size_t i) { return rs.value(i).isEmpty() ? std::string() : rs.value(i).convert<std::string>(); };
  auto int64 = [&](std::size_t i) { return rs.value(i).convert<Int64>(); };
  auto millis = [&](std::size_t i) -> std::optional<domain::Instant> {
    if (rs.value(i).isEmpty()) return std::nullopt;
    return fromEpochMillis(int64(i));
  };
  s.id = int64(0);
  s.uscc = text(1);
  s.enterpriseName = text(2);
  s.provinceCode = text(3);
  s.applicationType = domain::parseApplicationType(text(4)).value_or(domain::ApplicationType::kNew);
  s.status = domain::parseFilingStatus(text(5)).value_or(domain::FilingStatus::kVoid);
  if (auto stage = text(6); !stage.empty()) s.reviewStage = domain::parseReviewStage(stage);
  s.complete = int64(7) != 0;
  s.everSubmitted = int64(8) != 0;
  s.deleted = int64(9) != 0;
  s.savedAt = millis(10);
  s.submittedAt = millis(11);
  s.approvedAt = millis(12);
  if (auto until = text(13); !until.empty()) s.validUntil = domain::parseIsoDate(until);
  s.version = int64(14);
  s.updatedAt = fromEpochMillis(int64(15));
  return s;
}

std::vector<app::FilingSummary> readSummaries(Poco::Data::Statement& statement) {
  Poco::Data::RecordSet rs(statement);
  std::vector<app::FilingSummary> out;
  out.reserve(rs.rowCount());
  for (bool more = rs.moveFirst(); more; more = rs.moveNext()) out.push_back(readSummary(rs));
  return out;
}

std::optional<domain::Filing> loadFiling(Poco::Data::Session& s, std::int64_t id, bool forUpdate) {
  std::string state;
  Int64 version = 0;
  Int64 updatedAt = 0;
  Int64 key = id;
  Poco::Data::Statement select(s);
  select << std::string("SELECT state, version, updated_at FROM ucf_filing WHERE id = $1") +
                (forUpdate ? " FOR UPDATE" : ""),
      use(key), into(state), into(version), into(updatedAt);
  if (select.execute() == 0) return std::nullopt;
  domain::Filing f = decodeFiling(state);
  f.id = id;
  f.version = version;
  f.updatedAt = fromEpochMillis(updatedAt);  // kept in its column, not in `state`
  return f;
}

class SqlTransaction final : public app::FilingTransaction {
 public:
  explicit SqlTransaction(Database& db) : db_(db), lock_(db.writeLock()), session_(db.writeSession()) {
    if (db_.dialect() == Dialect::kSqlite) {
      session_ << "BEGIN IMMEDIATE", now;
    } else {
      session_.begin();
    }
  }

  ~SqlTransaction() override {
    if (committed_) return;
    try {
      if (db_.dialect() == Dialect::kSqlite) {
        session_ << "ROLLBACK", now;
      } else {
        session_.rollback();
      }
    } catch (...) {
      // The connection is broken; the database discards the transaction with it.
    }
  }

  std::optional<domain::Filing> load(std::int64_t id) override {
    return loadFiling(session_, id, db_.dialect() == Dialect::kPostgresql);
  }

  void insert(domain::Filing& filing, const app::FilingSummary& summary) override {
    Int64 id = 0;
    try {
      Query q(session_);
      std::string sql =
          "INSERT INTO ucf_filing (uscc, enterprise_name, province_code, application_type, status, review_stage, "
          "complete, ever_submitted, deleted, saved_at, submitted_at, approved_at, valid_until, open_new_uscc, "
          "version, created_at, updated_at, state) VALUES (" +
          values(q, filing, summary) + ") RETURNING id";
      Poco::Data::Statement& st = q.run(sql);
      Poco::Data::RecordSet rs(st);
      id = rs.value(0, 0).convert<Int64>();
    } catch (const Poco::Exception& e) {
      if (isUniqueViolation(e)) throw app::UniqueViolation{};
      throw;
    }
    filing.id = id;
  }

  void save(const domain::Filing& filing, const app::FilingSummary& summary, std::int64_t expectedVersion) override {
    std::size_t changed = 0;
    try {
      Query q(session_);
      std::string sql =
          "UPDATE ucf_filing SET (uscc, enterprise_name, province_code, application_type, status, review_stage, "
          "complete, ever_submitted, deleted, saved_at, submitted_at, approved_at, valid_until, open_new_uscc, "
          "version, created_at, updated_at, state) = (" +
          values(q, filing, summary) + ")";
      sql += " WHERE id = " + q.param(Int64(filing.id));
      sql += " AND version = " + q.param(Int64(expectedVersion));
      // RETURNING counts the rows the compare-and-set matched on both engines (POCO's affected
      // row count for SQLite depends on earlier statements of the connection).
      sql += " RETURNING id";
      Poco::Data::RecordSet rs(q.run(sql));
      changed = rs.rowCount();
    } catch (const Poco::Exception& e) {
      if (isUniqueViolation(e)) throw app::UniqueViolation{};
      throw;
    }
    if (changed != 1) throw app::StaleVersion{};
  }

  std::vector<std::int64_t> approvedFilingsOf(const std::string& uscc, std::int64_t exceptId,
                                              domain::CalendarDate today) override {
    std::vector<Int64> ids;
    std::string who = uscc;
    Int64 except = exceptId;
    std::string day = domain::toIsoString(today);
    session_ << "SELECT id FROM ucf_filing WHERE uscc = $1 AND id <> $2 AND deleted = 0 "
                "AND status NOT IN ('VOID', 'LAPSED') AND valid_until IS NOT NULL AND valid_until >= $3",
        use(who), use(except), use(day), into(ids), now;
    return {ids.begin(), ids.end()};
  }

  bool hasOpenNew(const std::string& uscc) override {
    Int64 count = 0;
    std::string who = uscc;
    session_ << "SELECT COUNT(*) FROM ucf_filing WHERE open_new_uscc = $1", use(who), into(count), now;
    return count > 0;
  }

  std::optional<std::pair<std::int64_t, std::string>> lastEvent(std::int64_t filingId) override {
    Int64 id = filingId;
    Int64 seq = 0;
    std::string hash;
    Poco::Data::Statement st(session_);
    st << "SELECT seq, hash FROM ucf_history WHERE filing_id = $1 ORDER BY seq DESC LIMIT 1", use(id), into(seq),
        into(hash);
    if (st.execute() == 0) return std::nullopt;
    return std::make_pair(static_cast<std::int64_t>(seq), hash);
  }

  void appendEvent(std::int64_t filingId, const domain::HistoryEvent& event) override {
    Int64 id = filingId;
    Int64 seq = event.seq;
    std::string content = domain::canonicalJson(event);
    std::string hash = event.hash;
    session_ << "INSERT INTO ucf_history (filing_id, seq, content, hash) VALUES ($1, $2, $3, $4)", use(id), use(seq),
        use(content), use(hash), now;
  }

  void appendFormVersion(std::int64_t filingId, const domain::Application& application, const domain::Actor& actor,
                         domain::Instant at) override {
    Int64 id = filingId;
    Int64 number = application.number;
    Int64 millis = toEpochMillis(at);
    std::string who = actor.userId + " " + actor.account;
    std::string content = encodeApplication(application);
    session_ << "INSERT INTO ucf_form_version (filing_id, application, saved_at, actor, content) "
                "VALUES ($1, $2, $3, $4, $5)",
        use(id), use(number), use(millis), use(who), use(content), now;
  }

  std::int64_t storeBlob(const app::SpooledFile& file, const std::string& contentType) override {
    Int64 size = file.size();
    std::string sha = file.sha256();
    std::string type = contentType;
    Int64 created = toEpochMillis(std::chrono::system_clock::now());
    Poco::Data::Statement insert(session_);
    insert << "INSERT INTO ucf_blob (size, sha256, content_type, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        use(size), use(sha), use(type), use(created);
    insert.execute();
    Int64 blobId = Poco::Data::RecordSet(insert).value(0, 0).convert<Int64>();
    std::vector<char> buffer(SqlFilingStore::kChunkBytes);
    Int64 seq = 0;
    for (std::int64_t offset = 0; offset < size;) {
      std::size_t got = file.read(offset, buffer.data(), buffer.size());
      if (got == 0) throw std::runtime_error("spooled upload ended early");
      Poco::Data::BLOB chunk(reinterpret_cast<const unsigned char*>(buffer.data()), got);
      session_ << "INSERT INTO ucf_blob_chunk (blob_id, seq, data) VALUES ($1, $2, $3)", use(blobId), use(seq),
          use(chunk), now;
      ++seq;
      offset += static_cast<std::int64_t>(got);
    }
    return blobId;
  }

  void commit() override {
    if (db_.dialect() == Dialect::kSqlite) {
      session_ << "COMMIT", now;
    } else {
      session_.commit();
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
    add(q.param(openNew ? NullableText(f.uscc) : NullableText()));
    add(q.param(Int64(f.version)));
    add(q.param(toEpochMillis(f.createdAt)));
    add(q.param(toEpochMillis(f.updatedAt)));
    add(q.param(encodeFiling(f)));
    return v;
  }

  Database& db_;
  std::unique_lock<std::mutex> lock_;
  Poco::Data::Session session_;
  bool committed_ = false;
};

class SqlBlobReader final : public app::BlobReader {
 public:
  SqlBlobReader(Database& db, std::int64_t blobId) : session_(db.session()), blobId_(blobId) {}

  void copyTo(std::ostream& out) override {
    for (Int64 seq = 0;; ++seq) {
      Poco::Data::BLOB chunk;
      Int64 id = blobId_;
      Poco::Data::Statement st(session_);
      st << "SELECT data FROM ucf_blob_chunk WHERE blob_id = $1 AND seq = $2", use(id), use(seq), into(chunk);
      if (st.execute() == 0) break;
      out.write(reinterpret_cast<const char*>(chunk.rawContent()), static_cast<std::streamsize>(chunk.size()));
      if (!out) throw std::runtime_error("client went away during a download");
    }
  }

 private:
  Poco::Data::Session session_;
  std::int64_t blobId_;
};

}  // namespace

std::unique_ptr<app::FilingTransaction> SqlFilingStore::beginWrite() { return std::make_unique<SqlTransaction>(db_); }

std::optional<domain::Filing> SqlFilingStore::find(std::int64_t id) {
  Poco::Data::Session s = db_.session();
  return loadFiling(s, id, false);
}

app::EnterpriseListPage SqlFilingStore::listForEnterprise(const app::EnterpriseListQuery& query) {
  Poco::Data::Session s = db_.session();
  auto where = [&](Query& q) {
    std::string w = " WHERE uscc = " + q.param(query.uscc) + " AND deleted = 0";
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
  app::EnterpriseListPage page;
  {
    Query q(s);
    std::string sql = "SELECT COUNT(*) FROM ucf_filing" + where(q);
    Poco::Data::RecordSet rs(q.run(sql));
    page.total = rs.value(0, 0).convert<Int64>();
  }
  Query q(s);
  std::string sql = std::string("SELECT ") + kSummaryColumns + " FROM ucf_filing" + where(q) + " ORDER BY id DESC";
  sql += " LIMIT " + q.param(Int64(query.pageSize));
  sql += " OFFSET " + q.param(Int64(query.pageSize) * (Int64(query.page) - 1));
  page.items = readSummaries(q.run(sql));
  return page;
}

std::vector<app::FilingSummary> SqlFilingStore::listForReview(const app::ReviewListQuery& query) {
  Poco::Data::Session s = db_.session();
  Query q(s);
  std::string sql = std::string("SELECT ") + kSummaryColumns + " FROM ucf_filing WHERE ever_submitted = 1";
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
  return readSummaries(q.run(sql));
}

std::vector<domain::HistoryEvent> SqlFilingStore::history(std::int64_t filingId) {
  Poco::Data::Session s = db_.session();
  std::vector<std::string> contents, hashes;
  Int64 id = filingId;
  s << "SELECT content, hash FROM ucf_history WHERE filing_id = $1 ORDER BY seq", use(id), into(contents),
      into(hashes), now;
  std::vector<domain::HistoryEvent> out;
  out.reserve(contents.size());
  for (std::size_t i = 0; i < contents.size(); ++i) out.push_back(decodeHistoryEvent(contents[i], hashes[i]));
  return out;
}

std::vector<std::int64_t> SqlFilingStore::dueToLapse(domain::CalendarDate today) {
  Poco::Data::Session s = db_.session();
  std::vector<Int64> ids;
  std::string day = domain::toIsoString(today);
  s << "SELECT id FROM ucf_filing WHERE status NOT IN ('VOID', 'LAPSED') AND deleted = 0 "
       "AND valid_until IS NOT NULL AND valid_until < $1",
      use(day), into(ids), now;
  return {ids.begin(), ids.end()};
}

std::unique_ptr<app::BlobReader> SqlFilingStore::openBlob(std::int64_t blobId) {
  return std::make_unique<SqlBlobReader>(db_, blobId);
}

}  // namespace ucf::adapters
