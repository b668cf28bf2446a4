#include "tests/support/in_memory_filing_store.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <stdexcept>

#include "plugin/domain/filing_lifecycle.hpp"

namespace ucf::test {
namespace {

using Row = InMemoryFilingStore::State::Row;

// The SQL store's `open_new_key`: set while a 新增 is open.
std::optional<std::string> openNewKey(const domain::Filing& f) {
  if (!f.open || f.open->type != domain::ApplicationType::kNew || f.deleted) return std::nullopt;
  return f.uscc + " " + f.filer;
}

void refuseSecondOpenNew(const InMemoryFilingStore::State& state, const domain::Filing& f) {
  const auto key = openNewKey(f);
  if (!key) return;
  for (const auto& [id, row] : state.rows) {
    if (id != f.id && openNewKey(row.filing) == key) throw app::UniqueViolation{};
  }
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

class InMemoryFilingStore::Transaction final : public app::FilingTransaction {
 public:
  Transaction(InMemoryFilingStore& store) : store_(store), lock_(store.writer_), state_(store.snapshot()) {}

  std::optional<domain::Filing> load(std::int64_t id) override {
    auto it = state_.rows.find(id);
    if (it == state_.rows.end()) return std::nullopt;
    return it->second.filing;
  }
  void insert(domain::Filing& filing, const app::FilingSummary& summary) override {
    filing.id = ++state_.lastId;
    refuseSecondOpenNew(state_, filing);
    app::FilingSummary s = summary;
    s.id = filing.id;
    state_.rows[filing.id] = {filing, s};
  }
  void save(const domain::Filing& filing, const app::FilingSummary& summary, std::int64_t expectedVersion) override {
    auto it = state_.rows.find(filing.id);
    if (it == state_.rows.end() || it->second.filing.version != expectedVersion) throw app::StaleVersion{};
    refuseSecondOpenNew(state_, filing);
    it->second = {filing, summary};
  }
  std::vector<std::int64_t> approvedFilingsOf(const std::string& uscc, std::int64_t exceptId,
                                              domain::CalendarDate today) override {
    std::vector<std::int64_t> ids;
    for (const auto& [id, row] : state_.rows) {
      const auto& s = row.summary;
      if (s.uscc == uscc && id != exceptId && !s.deleted &&
          inForceBetween(s, today, domain::CalendarDate{9999, 12, 31}))
        ids.push_back(id);
    }
    return ids;
  }
  bool hasOpenNew(const std::string& uscc, const std::string& filer) override {
    return std::any_of(state_.rows.begin(), state_.rows.end(),
                       [&](const auto& r) { return openNewKey(r.second.filing) == uscc + " " + filer; });
  }
  std::optional<std::pair<std::int64_t, std::string>> lastEvent(std::int64_t filingId) override {
    const auto& events = state_.history[filingId];
    if (events.empty()) return std::nullopt;
    return std::pair{events.back().seq, events.back().hash};
  }
  void appendEvent(std::int64_t filingId, const domain::HistoryEvent& event) override {
    state_.history[filingId].push_back(event);
  }
  void appendFormVersion(std::int64_t, const domain::Application&, const domain::Actor&, domain::Instant) override {
    ++state_.formVersions;
  }
  std::int64_t storeBlob(const app::SpooledFile& file, const std::string&) override {
    std::string bytes(static_cast<std::size_t>(file.size()), '\0');
    bytes.resize(file.read(0, bytes.data(), bytes.size()));
    state_.blobs[++state_.lastBlob] = std::move(bytes);
    return state_.lastBlob;
  }
  void commit() override {
    std::lock_guard data(store_.data_);
    store_.state_ = std::move(state_);
  }

 private:
  InMemoryFilingStore& store_;
  std::lock_guard<std::mutex> lock_;
  State state_;
};

InMemoryFilingStore::InMemoryFilingStore() = default;
InMemoryFilingStore::~InMemoryFilingStore() = default;

InMemoryFilingStore::State InMemoryFilingStore::snapshot() {
  std::lock_guard data(data_);
  return state_;
}

std::unique_ptr<app::FilingTransaction> InMemoryFilingStore::beginWrite() {
  return std::make_unique<Transaction>(*this);
}

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
