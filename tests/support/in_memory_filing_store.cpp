#include "tests/support/in_memory_filing_store.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <stdexcept>

#include "plugin/app/notification_plan.hpp"
#include "plugin/domain/filing_lifecycle.hpp"

namespace ucf::test {
namespace {

using Row = InMemoryFilingStore::State::Row;

// The SQL store's `open_new_key`: set while a 新增 is open.
std::optional<std::string> openNewKey(const domain::Filing& f) {
  if (!f.open || f.open->type != domain::ApplicationType::kNew || f.deleted) return std::nullopt;
  return f.uscc + " " + f.filer;
}

bool inForceBetween(const app::FilingSummary& s, domain::CalendarDate from, domain::CalendarDate to) {
  return s.status != domain::FilingStatus::kVoid && s.status != domain::FilingStatus::kLapsed && s.validUntil &&
         *s.validUntil >= from && *s.validUntil <= to;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string fnvHex(std::string_view data) {
  std::string out;
  std::uint64_t h = 1469598103934665603ULL;
  for (int round = 0; round < 4; ++round) {
    for (unsigned char c : data) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ static_cast<unsigned>(round)) * 1099511628211ULL;
    char part[17];
    std::snprintf(part, sizeof part, "%016llx", static_cast<unsigned long long>(h));
    out += part;
  }
  return out;
}

class StringBlobReader final : public app::BlobReader {
 public:
  explicit StringBlobReader(std::string bytes) : bytes_(std::move(bytes)) {}
  void copyTo(std::ostream& out) override { out.write(bytes_.data(), static_cast<std::streamsize>(bytes_.size())); }

 private:
  std::string bytes_;
};

}  // namespace

// Writes go to an overlay of the rows and events this transaction touched, applied at commit():
// copying the whole store at every write made a few hundred filings quadratic. Writers are one
// at a time (writer_), so the committed state under the overlay cannot change meanwhile.
class InMemoryFilingStore::Transaction final : public app::FilingTransaction {
 public:
  Transaction(InMemoryFilingStore& store) : store_(store), lock_(store.writer_) {
    std::lock_guard data(store_.data_);
    lastId_ = store_.state_.lastId;
    lastBlob_ = store_.state_.lastBlob;
  }

  std::optional<domain::Filing> load(std::int64_t id) override {
    if (auto it = rows_.find(id); it != rows_.end()) return it->second.filing;
    return store_.find(id);
  }
  void insert(domain::Filing& filing, const app::FilingSummary& summary) override {
    filing.id = ++lastId_;
    refuseSecondOpenNew(filing);
    app::FilingSummary s = summary;
    s.id = filing.id;
    rows_[filing.id] = {filing, s};
  }
  void save(const domain::Filing& filing, const app::FilingSummary& summary, std::int64_t expectedVersion) override {
    auto current = load(filing.id);
    if (!current || current->version != expectedVersion) throw app::StaleVersion{};
    refuseSecondOpenNew(filing);
    rows_[filing.id] = {filing, summary};
  }
  std::vector<std::int64_t> approvedFilingsOf(const std::string& uscc, std::int64_t exceptId,
                                              domain::CalendarDate today) override {
    std::vector<std::int64_t> ids;
    forEachRow([&](const Row& row) {
      const auto& s = row.summary;
      if (s.uscc == uscc && s.id != exceptId && !s.deleted &&
          inForceBetween(s, today, domain::CalendarDate{9999, 12, 31}))
        ids.push_back(s.id);
    });
    return ids;
  }
  bool hasOpenNew(const std::string& uscc, const std::string& filer) override {
    bool found = false;
    forEachRow([&](const Row& row) { found = found || openNewKey(row.filing) == uscc + " " + filer; });
    return found;
  }
  std::optional<std::pair<std::int64_t, std::string>> lastEvent(std::int64_t filingId) override {
    if (auto it = events_.find(filingId); it != events_.end() && !it->second.empty())
      return std::pair{it->second.back().seq, it->second.back().hash};
    auto stored = store_.history(filingId);
    if (stored.empty()) return std::nullopt;
    return std::pair{stored.back().seq, stored.back().hash};
  }
  void appendEvent(std::int64_t filingId, const domain::HistoryEvent& event) override {
    events_[filingId].push_back(event);
  }
  void appendFormVersion(std::int64_t, const domain::Application&, const domain::Actor&, domain::Instant) override {
    ++formVersions_;
  }
  void appendNotification(const app::OutgoingNotification& notification) override {
    notifications_.push_back(notification);
  }
  bool recordReminder(std::int64_t filingId, domain::CalendarDate validUntil, int days, domain::Instant) override {
    const auto key = std::tuple{filingId, domain::toDayNumber(validUntil), days};
    {
      std::lock_guard data(store_.data_);
      if (store_.state_.reminders.contains(key)) return false;
    }
    return reminders_.insert(key).second;
  }
  std::int64_t storeBlob(const app::SpooledFile& file, const std::string&) override {
    std::string bytes(static_cast<std::size_t>(file.size()), '\0');
    bytes.resize(file.read(0, bytes.data(), bytes.size()));
    blobs_[++lastBlob_] = std::move(bytes);
    return lastBlob_;
  }
  void commit() override {
    std::lock_guard data(store_.data_);
    State& state = store_.state_;
    for (auto& [id, row] : rows_) state.rows[id] = std::move(row);
    for (auto& [id, events] : events_) {
      auto& stored = state.history[id];
      stored.insert(stored.end(), events.begin(), events.end());
    }
    for (auto& [id, bytes] : blobs_) state.blobs[id] = std::move(bytes);
    state.formVersions += formVersions_;
    for (auto& n : notifications_) {
      if (state.outboxKeys.insert(n.key).second) state.outbox.push_back({++state.lastNotification, std::move(n)});
    }
    state.reminders.insert(reminders_.begin(), reminders_.end());
    state.lastId = lastId_;
    state.lastBlob = lastBlob_;
  }

 private:
  // Every row as this transaction sees it: its own writes over the committed state.
  template <typename F>
  void forEachRow(F&& visit) {
    std::lock_guard data(store_.data_);
    for (const auto& [id, row] : store_.state_.rows) {
      if (!rows_.contains(id)) visit(row);
    }
    for (const auto& [id, row] : rows_) visit(row);
  }

  void refuseSecondOpenNew(const domain::Filing& f) {
    const auto key = openNewKey(f);
    if (!key) return;
    forEachRow([&](const Row& row) {
      if (row.filing.id != f.id && openNewKey(row.filing) == key) throw app::UniqueViolation{};
    });
  }

  InMemoryFilingStore& store_;
  std::lock_guard<std::mutex> lock_;
  std::map<std::int64_t, Row> rows_;
  std::map<std::int64_t, std::vector<domain::HistoryEvent>> events_;
  std::map<std::int64_t, std::string> blobs_;
  std::int64_t formVersions_ = 0;
  std::vector<app::OutgoingNotification> notifications_;
  std::set<std::tuple<std::int64_t, std::int64_t, int>> reminders_;
  std::int64_t lastId_ = 0;
  std::int64_t lastBlob_ = 0;
};

InMemoryFilingStore::InMemoryFilingStore() = default;
InMemoryFilingStore::~InMemoryFilingStore() = default;

std::unique_ptr<app::FilingTransaction> InMemoryFilingStore::beginWrite() {
  return std::make_unique<Transaction>(*this);
}

// Writers here hold the store's one lock for the whole transaction: a guarded one is as safe.
std::unique_ptr<app::FilingTransaction> InMemoryFilingStore::beginGuardedWrite() { return beginWrite(); }

std::optional<domain::Filing> InMemoryFilingStore::find(std::int64_t id) {
  std::lock_guard data(data_);
  auto it = state_.rows.find(id);
  if (it == state_.rows.end()) return std::nullopt;
  return it->second.filing;
}

app::EnterpriseListPage InMemoryFilingStore::listForEnterprise(const app::EnterpriseListQuery& q) {
  std::lock_guard data(data_);
  std::vector<app::FilingSummary> match;
  for (auto it = state_.rows.rbegin(); it != state_.rows.rend(); ++it) {  // newest first
    const auto& s = it->second.summary;
    if (s.uscc != q.uscc || s.deleted || (q.createdBy && s.createdBy != *q.createdBy)) continue;
    if (q.status && app::statusOn(s, q.today) != *q.status) continue;
    if (q.applicationType && s.applicationType != *q.applicationType) continue;
    if (q.expiringWithin && !inForceBetween(s, q.today, domain::addDays(q.today, *q.expiringWithin))) continue;
    match.push_back(s);
  }
  app::EnterpriseListPage page;
  page.total = static_cast<std::int64_t>(match.size());
  const auto from = static_cast<std::size_t>((q.page - 1) * q.pageSize);
  for (std::size_t i = from; i < match.size() && i < from + static_cast<std::size_t>(q.pageSize); ++i)
    page.items.push_back(match[i]);
  return page;
}

std::vector<app::FilingSummary> InMemoryFilingStore::listForReview(const app::ReviewListQuery& q) {
  std::vector<app::FilingSummary> rows;
  {
    std::lock_guard data(data_);
    if (reviewListsLeft_ == 0) throw std::runtime_error("the review list failed (as told)");
    if (reviewListsLeft_ > 0) --reviewListsLeft_;
    for (auto it = state_.rows.rbegin(); it != state_.rows.rend(); ++it) {
      const auto& s = it->second.summary;
      if (!s.everSubmitted || (q.provinceCode && s.provinceCode != *q.provinceCode)) continue;
      if (q.status && app::statusOn(s, q.today) != *q.status) continue;
      if (q.stage && s.reviewStage != q.stage) continue;
      if (q.text && !contains(s.enterpriseName, *q.text) && !contains(s.uscc, *q.text)) continue;
      if (q.beforeId && s.id >= *q.beforeId) continue;
      rows.push_back(s);
      if (static_cast<int>(rows.size()) > q.limit) break;
    }
  }
  for (auto& s : rows) s.otherOpenNew = otherOpenNew(s.uscc, s.filer);
  return rows;
}

std::int64_t InMemoryFilingStore::otherOpenNew(const std::string& uscc, const std::string& filer) {
  std::lock_guard data(data_);
  return std::count_if(state_.rows.begin(), state_.rows.end(), [&](const auto& r) {
    const auto& s = r.second.summary;
    return s.uscc == uscc && !s.deleted && s.filer != filer && openNewKey(r.second.filing) &&
           s.status == domain::FilingStatus::kPendingReview;
  });
}

std::vector<domain::HistoryEvent> InMemoryFilingStore::history(std::int64_t filingId) {
  std::lock_guard data(data_);
  auto it = state_.history.find(filingId);
  return it == state_.history.end() ? std::vector<domain::HistoryEvent>{} : it->second;
}

std::vector<std::int64_t> InMemoryFilingStore::dueToLapse(domain::CalendarDate today) {
  std::lock_guard data(data_);
  std::vector<std::int64_t> ids;
  for (const auto& [id, row] : state_.rows) {
    const auto& s = row.summary;
    if (s.status != domain::FilingStatus::kVoid && s.status != domain::FilingStatus::kLapsed && !s.deleted &&
        s.validUntil && *s.validUntil < today)
      ids.push_back(id);
  }
  return ids;
}

std::vector<std::int64_t> InMemoryFilingStore::dueForReminder(domain::CalendarDate today) {
  std::lock_guard data(data_);
  std::vector<std::int64_t> ids;
  for (const auto& [id, row] : state_.rows) {
    const auto& s = row.summary;
    if (s.status == domain::FilingStatus::kVoid || s.status == domain::FilingStatus::kLapsed || s.deleted ||
        !s.validUntil || *s.validUntil < today)
      continue;
    const auto due = app::reminderDue(domain::daysBetween(today, *s.validUntil));
    if (!due) continue;
    bool owed = true;  // the reminder due, or a later (smaller) one, recorded: nothing is owed
    for (int days : {7, 30, 90}) {
      if (days <= *due && state_.reminders.contains(std::tuple{id, domain::toDayNumber(*s.validUntil), days}))
        owed = false;
    }
    if (owed) ids.push_back(id);
  }
  return ids;
}

std::vector<app::PendingNotification> InMemoryFilingStore::undeliveredNotifications(int limit) {
  std::lock_guard data(data_);
  const auto n = std::min<std::size_t>(state_.outbox.size(), static_cast<std::size_t>(std::max(limit, 0)));
  return {state_.outbox.begin(), state_.outbox.begin() + static_cast<std::ptrdiff_t>(n)};
}

void InMemoryFilingStore::markNotificationDelivered(std::int64_t id) {
  std::lock_guard data(data_);
  std::erase_if(state_.outbox, [id](const app::PendingNotification& p) { return p.id == id; });
}

std::unique_ptr<app::BlobReader> InMemoryFilingStore::openBlob(std::int64_t blobId) {
  std::lock_guard data(data_);
  return std::make_unique<StringBlobReader>(state_.blobs.at(blobId));
}

std::vector<app::ProvinceStatusCount> InMemoryFilingStore::countByProvinceAndStatus(const app::StatsScope& scope) {
  std::lock_guard data(data_);
  std::map<std::pair<std::string, domain::FilingStatus>, app::ProvinceStatusCount> counts;
  for (const auto& [id, row] : state_.rows) {
    const auto& s = row.summary;
    if (!s.everSubmitted || (scope.provinceCode && s.provinceCode != *scope.provinceCode)) continue;
    const auto status = app::statusOn(s, scope.today);
    auto& c = counts[{s.provinceCode, status}];
    c.provinceCode = s.provinceCode;
    c.status = status;
    ++c.count;
    if (inForceBetween(s, scope.today, domain::addDays(scope.today, 30))) ++c.expiringWithin30;
  }
  std::vector<app::ProvinceStatusCount> out;
  for (auto& [key, c] : counts) out.push_back(c);
  return out;
}

std::vector<std::vector<domain::HistoryEvent>> InMemoryFilingStore::historiesChangedSince(const app::StatsScope& scope,
                                                                                          domain::Instant since) {
  std::lock_guard data(data_);
  std::vector<std::vector<domain::HistoryEvent>> out;
  for (const auto& [id, row] : state_.rows) {
    const auto& s = row.summary;
    if (!s.everSubmitted || (scope.provinceCode && s.provinceCode != *scope.provinceCode)) continue;
    if (row.filing.updatedAt < since) continue;
    out.push_back(state_.history[id]);
  }
  return out;
}

void InMemoryFilingStore::failReviewListsAfter(int calls) {
  std::lock_guard data(data_);
  reviewListsLeft_ = calls;
}

std::int64_t InMemoryFilingStore::formVersions() {
  std::lock_guard data(data_);
  return state_.formVersions;
}

bool MemorySpool::append(const char* data, std::size_t length) {
  if (static_cast<std::int64_t>(bytes_.size() + length) > limit_) return false;
  bytes_.append(data, length);
  return true;
}

std::string MemorySpool::sha256() const { return fnvHex(bytes_); }

std::size_t MemorySpool::read(std::int64_t offset, char* buffer, std::size_t length) const {
  if (offset >= size()) return 0;
  const std::size_t n = std::min(length, bytes_.size() - static_cast<std::size_t>(offset));
  std::copy_n(bytes_.data() + offset, n, buffer);
  return n;
}

std::string StandInHasher::sha256Hex(std::string_view data) const { return fnvHex(data); }

}  // namespace ucf::test
