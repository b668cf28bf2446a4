// The filing services over the real SqlFilingStore on a real SQLite file (migrations applied),
// with a clock the test moves.

#include <catch2/catch.hpp>

#include <atomic>
#include <barrier>
#include <thread>
#include <vector>

#include "tests/support/guarded_write_scenario.hpp"
#include "tests/support/list_scenario.hpp"
#include "tests/support/migration_race.hpp"
#include "tests/support/store_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ucf;
using namespace ucf::test;
using domain::ErrorCode;
using domain::FilingStatus;
using domain::SaveMode;
namespace history_action = domain::history_action;

namespace {

struct SqliteFixture {
  TempDir dir;
  adapters::Database db{adapters::Dialect::kSqlite, (dir.path() / "filings.db").string(), 16};
  TestClock clock{shanghai(kStartDay)};
  StoreServices services{db, clock, dir.path()};
  app::Caller owner = enterpriseCaller();

  SqliteFixture() { adapters::applyMigrations(db, migrationClock()); }

  std::vector<std::string> historyActions(std::int64_t id) {
    std::vector<std::string> out;
    for (const auto& e : services.store.history(id)) out.push_back(e.action);
    return out;
  }
  domain::Filing stored(std::int64_t id) {
    auto f = services.store.find(id);
    REQUIRE(f);
    return *f;
  }
  app::FilingSummary listed(std::int64_t id) {
    app::EnterpriseListQuery q;
    q.uscc = kUscc;
    q.today = domain::shanghaiDateOf(clock.now());
    q.pageSize = 100;
    for (auto& s : services.store.listForEnterprise(q).items) {
      if (s.id == id) return s;
    }
    FAIL("filing " << id << " is not listed");
    return {};
  }
};

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("SQLite: migrations apply once") {
  TempDir dir;
  const std::string file = (dir.path() / "m.db").string();
  {
    adapters::Database db(adapters::Dialect::kSqlite, file, 2);
    CHECK(adapters::applyMigrations(db, migrationClock()) ==
          Strings{"001_filings.sql", "002_filers.sql", "003_notifications.sql", "004_history_head.sql", "005_review_list_index.sql"});
    CHECK(adapters::applyMigrations(db, migrationClock()).empty());
    CHECK(countRows(db, "SELECT COUNT(*) FROM ucf_schema_migrations WHERE $1 = $1", 0) == 5);
    CHECK(countRows(db, "SELECT COUNT(*) FROM ucf_filing WHERE id > $1", 0) == 0);
  }
  adapters::Database again(adapters::Dialect::kSqlite, file, 2);  // a restarted host
  CHECK(adapters::applyMigrations(again, migrationClock()).empty());
  CHECK(countRows(again, "SELECT COUNT(*) FROM ucf_schema_migrations WHERE $1 = $1", 0) == 5);
}

TEST_CASE("SQLite: two hosts starting at once on one file apply the migrations once", "[concurrency]") {
  TempDir dir;
  const std::string file = (dir.path() / "m.db").string();
  adapters::Database a(adapters::Dialect::kSqlite, file, 2);
  adapters::Database b(adapters::Dialect::kSqlite, file, 2);
  checkMigrationsApplyOnce(a, b);
}

TEST_CASE("SQLite: the whole journey of a 新增 to APPROVED") {
  SqliteFixture fx;
  auto& s = fx.services;

  // 暂存 with a few members only
  domain::FormData draft{{"enterpriseName", std::string{"福州示例二手车出口有限公司"}},
                         {"address.provinceCode", std::string{"350000"}}};
  domain::Filing f = must(s.filings.create(fx.owner, draft, SaveMode::kDraft, {}));
  CHECK(f.id > 0);
  CHECK(f.version == 1);
  CHECK(fx.stored(f.id) == f);
  CHECK(domain::rowStatus(f, kStartDay) == FilingStatus::kPendingSubmit);
  CHECK(domain::stringOf(f.open->form, "uscc") != nullptr);  // stamped with the principal's
  {
    auto row = fx.listed(f.id);
    CHECK(row.status == FilingStatus::kPendingSubmit);
    CHECK_FALSE(row.complete);
    CHECK(row.version == 1);
  }

  // a save of an incomplete form is refused, a draft save of a bad value too
  CHECK(codeOf(s.filings.edit(fx.owner, f.id, {{"contact.mobile", std::string{"123"}}}, SaveMode::kDraft, 1)) ==
        ErrorCode::kValidation);
  CHECK(codeOf(s.filings.edit(fx.owner, f.id, {}, SaveMode::kSave, 1)) == ErrorCode::kValidation);

  // edit with If-Match: missing → 428, stale → 412, current → saved
  fx.clock.advance(std::chrono::minutes(5));
  CHECK(codeOf(s.filings.edit(fx.owner, f.id, completeForm(), SaveMode::kSave, std::nullopt)) ==
        ErrorCode::kPreconditionRequired);
  CHECK(codeOf(s.filings.edit(fx.owner, f.id, completeForm(), SaveMode::kSave, 0)) == ErrorCode::kStale);
  f = must(s.filings.edit(fx.owner, f.id, completeForm(), SaveMode::kSave, 1));
  CHECK(f.version == 2);
  CHECK(f.open->form == completeForm());
  CHECK(fx.stored(f.id) == f);
  CHECK(codeOf(s.filings.edit(fx.owner, f.id, completeForm(), SaveMode::kSave, 1)) == ErrorCode::kStale);
  CHECK_FALSE(fx.listed(f.id).complete);

  // a submit without the files lists every missing slot
  {
    auto refused = s.filings.submit(fx.owner, f.id, f.version);
    REQUIRE(codeOf(refused) == ErrorCode::kValidation);
    CHECK(refused.error().fields.size() == 10);
    CHECK(refused.error().fields.front().field == "attachments.license_original");
  }

  // every file, each a version of its own
  f = s.uploadAll(fx.owner, f);
  CHECK(f.version == 12);
  CHECK(fx.listed(f.id).complete);

  // 上报
  CHECK(codeOf(s.filings.submit(fx.owner, f.id, std::nullopt)) == ErrorCode::kPreconditionRequired);
  CHECK(codeOf(s.filings.submit(fx.owner, f.id, f.version - 1)) == ErrorCode::kStale);
  fx.clock.advance(std::chrono::minutes(5));
  f = must(s.filings.submit(fx.owner, f.id, f.version));
  CHECK(f.open->status == domain::ApplicationStatus::kPendingReview);
  CHECK(f.open->stage == domain::ReviewStage::kFirstReview);
  CHECK(f.open->submittedAt == fx.clock.now());
  CHECK(fx.listed(f.id).status == FilingStatus::kPendingReview);
  CHECK(codeOf(s.filings.edit(fx.owner, f.id, completeForm(), SaveMode::kSave, f.version)) == ErrorCode::kConflict);

  // the reviewers' list shows it in first review
  {
    auto page = must(s.reviews.list(reviewerCaller(), {}));
    REQUIRE(page.items.size() == 1);
    CHECK(page.items[0].id == f.id);
    CHECK(page.items[0].reviewStage == domain::ReviewStage::kFirstReview);
  }

  // 审核: a rechecker may not act on first review; If-Match needed
  CHECK(codeOf(s.reviews.decide(recheckerCaller(), f.id, domain::ReviewDecision::kApprove, "同意", {}, f.version)) ==
        ErrorCode::kForbidden);
  CHECK(codeOf(s.reviews.decide(reviewerCaller(), f.id, domain::ReviewDecision::kApprove, "同意", {}, std::nullopt)) ==
        ErrorCode::kPreconditionRequired);
  CHECK(codeOf(s.reviews.decide(reviewerCaller(), f.id, domain::ReviewDecision::kReject, "", {}, f.version)) ==
        ErrorCode::kValidation);
  fx.clock.advance(std::chrono::hours(1));
  f = must(s.reviews.decide(reviewerCaller(), f.id, domain::ReviewDecision::kApprove, "材料齐全",
                            {{"businessScope", "经营范围清楚"}}, f.version));
  CHECK(f.open->stage == domain::ReviewStage::kRecheck);

  // 复核: not by the reviewer of the first review, even holding both roles
  app::Caller both = authorityCaller("rev-1", true, true);
  CHECK(codeOf(s.reviews.decide(both, f.id, domain::ReviewDecision::kApprove, "同意", {}, f.version)) ==
        ErrorCode::kForbidden);
  fx.clock.advance(std::chrono::hours(1));
  const domain::Instant approvedAt = fx.clock.now();
  f = must(s.reviews.decide(recheckerCaller(), f.id, domain::ReviewDecision::kApprove, "同意", {}, f.version));
  REQUIRE(f.approved);
  CHECK_FALSE(f.open);
  CHECK(f.approved->approvedAt == approvedAt);
  CHECK(f.approved->validUntil == domain::CalendarDate{2027, 2, 28});
  CHECK(f.approved->application.reviews.size() == 2);
  CHECK(f.approved->application.reviews[0].fieldNotes.size() == 1);
  CHECK(fx.stored(f.id) == f);

  auto row = fx.listed(f.id);
  CHECK(row.status == FilingStatus::kApproved);
  CHECK(row.approvedAt == approvedAt);
  CHECK(row.validUntil == domain::CalendarDate{2027, 2, 28});
  CHECK(row.version == f.version);

  auto q = must(s.filings.qualification(fx.owner));
  CHECK(q.qualified);
  CHECK(q.filingId == f.id);
  CHECK(q.validUntil == domain::CalendarDate{2027, 2, 28});

  // history: every event, seq 1..n, chained
  Strings expected{history_action::kCreate, history_action::kSave};
  for (int i = 0; i < 10; ++i) expected.emplace_back(history_action::kAttachmentPut);
  for (const char* a : {history_action::kSubmit, history_action::kReviewApprove, history_action::kRecheckApprove}) {
    expected.emplace_back(a);
  }
  CHECK(fx.historyActions(f.id) == expected);
  auto events = must(s.filings.history(fx.owner, f.id));
  for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i].seq == static_cast<std::int64_t>(i + 1));
  CHECK(events.front().prevHash == domain::kGenesisHash);
  CHECK(events.back().toStatus == FilingStatus::kApproved);
  CHECK(events.back().actor == recheckerCaller().actor);
  auto verified = must(s.reviews.verifyHistory(supervisorCaller(), f.id));
  CHECK(verified.ok);
  CHECK(verified.events == static_cast<std::int64_t>(expected.size()));
  CHECK_FALSE(verified.firstBrokenSeq);

  // every version of the form: the draft, the save, and one per file
  CHECK(countRows(fx.db, "SELECT COUNT(*) FROM ucf_form_version WHERE filing_id = $1", f.id) == 12);
  CHECK(headsOutOfStep(fx.db) == 0);
}

TEST_CASE("SQLite: delete of a 新增, and of a 变更") {
  SqliteFixture fx;
  auto& s = fx.services;
  domain::Filing f = must(s.filings.create(fx.owner, completeForm(), SaveMode::kSave, {}));
  CHECK(codeOf(s.filings.remove(fx.owner, f.id, std::nullopt)) == ErrorCode::kPreconditionRequired);
  CHECK(codeOf(s.filings.remove(fx.owner, f.id, 0)) == ErrorCode::kStale);
  must(s.filings.remove(fx.owner, f.id, f.version));
  CHECK(codeOf(s.filings.detail(fx.owner, f.id)) == ErrorCode::kNotFound);
  app::EnterpriseListQuery q;
  q.uscc = kUscc;
  q.today = kStartDay;
  CHECK(s.store.listForEnterprise(q).total == 0);
  CHECK(fx.stored(f.id).deleted);  // kept, with the deleted data
  CHECK(fx.stored(f.id).closed.back().form == completeForm());
  CHECK(fx.historyActions(f.id) == Strings{history_action::kCreate, history_action::kDelete});

  // the enterprise may start again
  domain::Filing g = s.approved(fx.owner);
  domain::Filing changed = must(
      s.filings.startChange(fx.owner, g.id, {{"enterpriseName", std::string{"新名称"}}}, SaveMode::kSave, g.version));
  domain::Filing back = must(s.filings.remove(fx.owner, g.id, changed.version));
  CHECK_FALSE(back.open);
  CHECK(back.approved == g.approved);
  CHECK(domain::rowStatus(fx.stored(g.id), kStartDay) == FilingStatus::kApproved);
  CHECK(fx.listed(g.id).applicationType == domain::ApplicationType::kNew);
  // the history says which application each event concerns: the change (2), not the approved 新增 (1)
  auto events = s.store.history(g.id);
  REQUIRE(events.size() >= 2);
  CHECK(events[events.size() - 2].action == history_action::kStartChange);
  CHECK(events[events.size() - 2].application == 2);
  CHECK(events.back().action == history_action::kDelete);
  CHECK(events.back().application == 2);
  CHECK(events.front().application == 1);
  CHECK(countRows(fx.db, "SELECT COUNT(*) FROM ucf_form_version WHERE filing_id = $1 AND application = 2", g.id) == 1);
}

TEST_CASE("SQLite: a 变更, its diff, and its approval keeping validUntil") {
  SqliteFixture fx;
  auto& s = fx.services;
  domain::Filing f = s.approved(fx.owner);
  const domain::ApprovedState approved = *f.approved;

  fx.clock.set(shanghai({2026, 7, 15}, 9));
  CHECK(codeOf(s.filings.startChange(fx.owner, f.id, {}, SaveMode::kSave, std::nullopt)) ==
        ErrorCode::kPreconditionRequired);
  {
    auto other = s.filings.startChange(fx.owner, f.id, {{"uscc", kOtherUscc}}, SaveMode::kSave, f.version);
    REQUIRE(codeOf(other) == ErrorCode::kValidation);
    CHECK(other.error().fields.at(0).field == "uscc");
  }
  domain::FormData patch{{"enterpriseName", std::string{"福州新名二手车出口有限公司"}},
                         {"contact.mobile", std::string{"13900139000"}}};
  f = must(s.filings.startChange(fx.owner, f.id, patch, SaveMode::kSave, f.version));
  REQUIRE(f.open);
  CHECK(f.open->type == domain::ApplicationType::kChange);
  CHECK(f.open->attachments == approved.application.attachments);
  CHECK(codeOf(s.filings.startChange(fx.owner, f.id, patch, SaveMode::kSave, f.version)) ==
        ErrorCode::kOpenApplicationExists);
  auto row = fx.listed(f.id);
  CHECK(row.applicationType == domain::ApplicationType::kChange);
  CHECK(row.status == FilingStatus::kPendingSubmit);

  // replace one file in the change
  SampleFile replacement{"seal.png", makePng(5, 5)};
  f = must(s.upload(fx.owner, f.id, "official_seal", replacement));
  const std::string newSha = adapters::sha256Hex(replacement.bytes);
  const std::string oldSha = approved.application.attachments.at("official_seal").sha256;
  REQUIRE(newSha != oldSha);

  auto diff = must(s.filings.diff(fx.owner, f.id));
  REQUIRE(diff.size() == 3);
  CHECK(diff[0].field == "enterpriseName");
  CHECK(diff[1].field == "contact.mobile");
  CHECK(diff[2].field == "attachments.official_seal");
  CHECK(diff[2].from == domain::FieldValue(oldSha));
  CHECK(diff[2].to == domain::FieldValue(newSha));
  CHECK(must(s.filings.diff(reviewerCaller(), f.id)).size() == 3);  // reviewers in scope see it too

  // the approved file is untouched; the change's is the new one
  CHECK(fx.stored(f.id).approved->application.attachments.at("official_seal").sha256 == oldSha);
  {
    auto opened = must(s.filings.openAttachment(fx.owner, f.id, "official_seal"));
    CHECK(readAll(*opened.reader) == replacement.bytes);
  }

  f = must(s.filings.submit(fx.owner, f.id, f.version));
  fx.clock.set(shanghai({2026, 7, 20}, 9));
  f = must(s.reviews.decide(reviewerCaller(), f.id, domain::ReviewDecision::kApprove, "同意", {}, f.version));
  f = must(s.reviews.decide(recheckerCaller(), f.id, domain::ReviewDecision::kApprove, "同意", {}, f.version));
  REQUIRE(f.approved);
  CHECK_FALSE(f.open);
  CHECK(f.approved->application.type == domain::ApplicationType::kChange);
  CHECK(*domain::stringOf(f.approved->application.form, "enterpriseName") == "福州新名二手车出口有限公司");
  CHECK(f.approved->application.attachments.at("official_seal").sha256 == newSha);
  CHECK(f.approved->validUntil == approved.validUntil);  // kept
  CHECK(f.approved->approvedAt == fx.clock.now());
  CHECK(f.closed.back() == approved.application);
  CHECK(fx.stored(f.id) == f);
  row = fx.listed(f.id);
  CHECK(row.status == FilingStatus::kApproved);
  CHECK(row.applicationType == domain::ApplicationType::kChange);
  CHECK(row.enterpriseName == "福州新名二手车出口有限公司");
  CHECK(row.validUntil == domain::CalendarDate{2027, 2, 28});
  CHECK(must(s.filings.diff(fx.owner, f.id)).empty());
  CHECK(must(s.reviews.verifyHistory(supervisorCaller(), f.id)).ok);
}

TEST_CASE("SQLite: one open 新增 per enterprise", "[concurrency]") {
  SqliteFixture fx;
  auto& s = fx.services;

  SECTION("refused by the service, and by the database itself") {
    domain::Filing first = must(s.filings.create(fx.owner, {}, SaveMode::kDraft, {}));
    CHECK(codeOf(s.filings.create(fx.owner, {}, SaveMode::kDraft, {})) == ErrorCode::kOpenApplicationExists);
    // another verified account of the same enterprise is the same filer
    CHECK(codeOf(s.filings.create(enterpriseCaller(kUscc, "ent-2"), {}, SaveMode::kDraft, {})) ==
          ErrorCode::kOpenApplicationExists);
    // another enterprise is not affected
    must(s.filings.create(enterpriseCaller(kOtherUscc, "other-1"), {}, SaveMode::kDraft, {}));

    // the unique index holds even when the service's check is bypassed
    domain::Filing second = domain::newFiling(kUscc, {}, fx.clock.now());
    second.filer = first.filer;
    auto tx = s.store.beginWrite();
    CHECK_THROWS_AS(tx->insert(second, app::summarize(second, kStartDay)), app::UniqueViolation);
    tx.reset();

    // once the open one is deleted, a new one may start
    must(s.filings.remove(fx.owner, first.id, first.version));
    must(s.filings.create(fx.owner, {}, SaveMode::kDraft, {}));
  }
  SECTION("N hosts' threads creating at once: exactly one succeeds") {
    constexpr int kThreads = 8;
    std::barrier start(kThreads);
    std::atomic<int> created{0}, refused{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        app::Caller caller = enterpriseCaller(kUscc, "ent-" + std::to_string(i));
        start.arrive_and_wait();
        auto r = s.filings.create(caller, completeForm(), SaveMode::kSave, {});
        if (r.ok()) {
          ++created;
        } else if (r.error().code == ErrorCode::kOpenApplicationExists) {
          ++refused;
        } else {
          ++other;
        }
      });
    }
    for (auto& t : threads) t.join();
    CHECK(created == 1);
    CHECK(refused == kThreads - 1);
    CHECK(other == 0);
    CHECK(countRows(fx.db, "SELECT COUNT(*) FROM ucf_filing WHERE deleted = $1", 0) == 1);
  }
  SECTION("two hosts on one SQLite file creating at once: exactly one succeeds") {
    adapters::Database secondDb(adapters::Dialect::kSqlite, (fx.dir.path() / "filings.db").string(), 8);
    StoreServices second(secondDb, fx.clock, fx.dir.path());
    constexpr int kThreads = 6;
    std::barrier start(kThreads);
    std::atomic<int> created{0}, refused{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        StoreServices& host = i % 2 == 0 ? s : second;
        start.arrive_and_wait();
        auto r = host.filings.create(enterpriseCaller(kUscc, "ent-" + std::to_string(i)), {}, SaveMode::kDraft, {});
        if (r.ok()) ++created;
        if (!r.ok() && r.error().code == ErrorCode::kOpenApplicationExists) ++refused;
      });
    }
    for (auto& t : threads) t.join();
    CHECK(created == 1);
    CHECK(refused == kThreads - 1);
  }
  SECTION("once approved, the next 新增 may start") {
    s.approved(fx.owner);
    must(s.filings.create(fx.owner, {}, SaveMode::kDraft, {}));
  }
}

TEST_CASE("SQLite: two concurrent edits with the same If-Match, exactly one wins", "[concurrency]") {
  SqliteFixture fx;
  auto& s = fx.services;
  domain::Filing f = must(s.filings.create(fx.owner, completeForm(), SaveMode::kSave, {}));
  for (int round = 0; round < 5; ++round) {
    const std::int64_t version = f.version;
    std::barrier start(2);
    domain::Outcome<domain::Filing> results[2] = {domain::fail(ErrorCode::kConflict, ""),
                                                  domain::fail(ErrorCode::kConflict, "")};
    const std::string cities[2] = {"厦门市" + std::to_string(round), "泉州市" + std::to_string(round)};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        app::Caller caller = enterpriseCaller(kUscc, "ent-" + std::to_string(i));
        start.arrive_and_wait();
        results[i] = s.filings.edit(caller, f.id, {{"address.city", cities[i]}}, SaveMode::kSave, version);
      });
    }
    for (auto& t : threads) t.join();
    const int wins = (results[0].ok() ? 1 : 0) + (results[1].ok() ? 1 : 0);
    REQUIRE(wins == 1);
    const int winner = results[0].ok() ? 0 : 1;
    CHECK(codeOf(results[1 - winner]) == ErrorCode::kStale);
    f = fx.stored(f.id);
    CHECK(f.version == version + 1);
    CHECK(*domain::stringOf(f.open->form, "address.city") == cities[winner]);
  }
  CHECK(fx.historyActions(f.id).size() == 6);

  SECTION("the store's compare-and-set refuses an old version on its own") {
    auto tx = s.store.beginWrite();
    auto loaded = tx->load(f.id);
    REQUIRE(loaded);
    tx->save(*loaded, app::summarize(*loaded, kStartDay), loaded->version - 1);
    CHECK_THROWS_AS(tx->commit(), app::StaleVersion);  // writes are held until commit
  }
}

TEST_CASE("SQLite: a guarded write whose filing changed since it was read stores nothing") {
  SqliteFixture fx;
  checkStaleGuardedWriteStoresNothing(fx.services, fx.db, fx.clock);
}

TEST_CASE("SQLite: tampering with the history is detected") {
  SqliteFixture fx;
  auto& s = fx.services;
  domain::Filing f = s.approved(fx.owner);
  auto events = s.store.history(f.id);
  REQUIRE(events.size() == 14);
  for (std::size_t i = 1; i < events.size(); ++i) CHECK(events[i].prevHash == events[i - 1].hash);
  CHECK(must(s.reviews.verifyHistory(supervisorCaller(), f.id)).ok);

  // only the supervisor verifies (the owner and reviewers in scope: wrong role); out of scope is "not found"
  CHECK(codeOf(s.reviews.verifyHistory(reviewerCaller(), f.id)) == ErrorCode::kForbidden);
  CHECK(codeOf(s.reviews.verifyHistory(fx.owner, f.id)) == ErrorCode::kForbidden);
  CHECK(codeOf(s.reviews.verifyHistory(authorityCaller("rev-bj", true, true, "110000"), f.id)) == ErrorCode::kNotFound);
  // enterprises are refused every review use case, whatever the filing
  CHECK(codeOf(s.reviews.verifyHistory(enterpriseCaller(kOtherUscc, "other-1"), f.id)) == ErrorCode::kForbidden);

  {
    using namespace Poco::Data::Keywords;
    Poco::Data::Session session = fx.db.session();
    Poco::Int64 id = f.id;
    Poco::Int64 seq = 13;  // the first review
    std::string from = "\"note\":\"同意\"";
    std::string to = "\"note\":\"不同意\"";
    session << "UPDATE ucf_history SET content = REPLACE(content, $1, $2) WHERE filing_id = $3 AND seq = $4", use(from),
        use(to), use(id), use(seq), now;
  }
  auto broken = must(s.reviews.verifyHistory(supervisorCaller(), f.id));
  CHECK_FALSE(broken.ok);
  CHECK(broken.events == 14);
  CHECK(broken.firstBrokenSeq == 13);

  SECTION("a deleted event is detected too") {
    using namespace Poco::Data::Keywords;
    Poco::Data::Session session = fx.db.session();
    Poco::Int64 id = f.id;
    session << "DELETE FROM ucf_history WHERE filing_id = $1 AND seq = 5", use(id), now;
    auto gap = must(s.reviews.verifyHistory(supervisorCaller(), f.id));
    CHECK_FALSE(gap.ok);
    CHECK(gap.firstBrokenSeq == 6);
  }
}

TEST_CASE("SQLite: a row with a word this code does not know is refused, not read as another status") {
  SqliteFixture fx;
  domain::Filing f = must(fx.services.filings.create(fx.owner, {}, SaveMode::kDraft, {}));
  app::EnterpriseListQuery q;
  q.uscc = kUscc;
  q.today = kStartDay;
  CHECK(fx.services.store.listForEnterprise(q).items.size() == 1);
  auto damage = [&](const std::string& column, const std::string& word) {
    using namespace Poco::Data::Keywords;
    Poco::Data::Session session = fx.db.session();
    Poco::Int64 id = f.id;
    std::string value = word;
    session << "UPDATE ucf_filing SET " + column + " = $1 WHERE id = $2", use(value), use(id), now;
  };
  SECTION("status") { damage("status", "PENDING"); }
  SECTION("application type") { damage("application_type", "RENEWAL"); }
  SECTION("review stage") { damage("review_stage", "THIRD"); }
  SECTION("valid until") { damage("valid_until", "2026-02-30"); }
  CHECK_THROWS_WITH(fx.services.store.listForEnterprise(q), Catch::Contains("stored row has an unknown"));
}

TEST_CASE("SQLite: an upload is stored whole and read back byte-identical") {
  SqliteFixture fx;
  auto& s = fx.services;
  domain::Filing f = must(s.filings.create(fx.owner, completeForm(), SaveMode::kSave, {}));

  SECTION("a PNG image") {
    const std::string png = makePng(40, 30);
    auto spooled = s.spool(png);
    CHECK(spooled->sha256() == adapters::sha256Hex(png));
    must(s.filings.prepareUpload(fx.owner, f.id, "license_original"));
    domain::Filing after =
        must(s.filings.completeUpload(fx.owner, f.id, "license_original", "营业执照正本.png", *spooled));
    CHECK(after.version == f.version + 1);
    const domain::Attachment& a = after.open->attachments.at("license_original");
    CHECK(a.fileName == "营业执照正本.png");
    CHECK(a.contentType == "image/png");
    CHECK(a.size == static_cast<std::int64_t>(png.size()));
    CHECK(a.sha256 == adapters::sha256Hex(png));
    CHECK(a.uploadedAt == fx.clock.now());
    auto opened = must(s.filings.openAttachment(fx.owner, f.id, "license_original"));
    CHECK(opened.attachment == a);
    const std::string back = readAll(*opened.reader);
    CHECK(back == png);
    CHECK(adapters::sha256Hex(back) == a.sha256);
    CHECK(fx.historyActions(f.id).back() == history_action::kAttachmentPut);
  }
  SECTION("a document larger than one chunk") {
    const std::string pdf = makePdf("1.7", 3 * adapters::SqlFilingStore::kChunkBytes + 1234);
    auto spooled = s.spool(pdf);
    must(s.filings.completeUpload(fx.owner, f.id, "company_profile", "介绍.pdf", *spooled));
    auto opened = must(s.filings.openAttachment(fx.owner, f.id, "company_profile"));
    CHECK(opened.attachment.contentType == "application/pdf");
    const std::string back = readAll(*opened.reader);
    CHECK(back.size() == pdf.size());
    CHECK(back == pdf);
    CHECK(countRows(fx.db, "SELECT COUNT(*) FROM ucf_blob_chunk WHERE blob_id = $1", opened.attachment.blobId) == 4);
  }
  SECTION("a wrong kind is refused and nothing is stored") {
    auto spooled = s.spool(makePdf());
    auto refused = s.filings.completeUpload(fx.owner, f.id, "license_original", "fake.png", *spooled);
    CHECK(codeOf(refused) == ErrorCode::kUnsupportedContent);
    CHECK(refused.error().slot == "license_original");
    CHECK(fx.stored(f.id).version == f.version);
    CHECK(countRows(fx.db, "SELECT COUNT(*) FROM ucf_blob WHERE id > $1", 0) == 0);
    CHECK(codeOf(s.filings.openAttachment(fx.owner, f.id, "license_original")) == ErrorCode::kNotFound);
  }
  SECTION("a file over the slot's limit is 413, not 415, and nothing is stored") {
    const std::string big = makePng(320, 320);  // a valid PNG of 307,xxx bytes
    REQUIRE(big.size() > 307'200);
    auto spooled = s.spool(big);
    auto refused = s.filings.completeUpload(fx.owner, f.id, "license_original", "big.png", *spooled);
    CHECK(codeOf(refused) == ErrorCode::kTooLarge);
    CHECK(refused.error().slot == "license_original");
    CHECK(refused.error().limitBytes == 307'200);
    CHECK(refused.error().allowedExtensions == std::vector<std::string>{"jpg", "jpeg", "png"});
    CHECK(fx.stored(f.id).version == f.version);
    CHECK(countRows(fx.db, "SELECT COUNT(*) FROM ucf_blob WHERE id > $1", 0) == 0);
  }
  SECTION("a slot the category does not use is refused; an unknown slot is not found") {
    CHECK(codeOf(s.filings.prepareUpload(fx.owner, f.id, "premises_proof")) == ErrorCode::kValidation);
    CHECK(codeOf(s.upload(fx.owner, f.id, "premises_proof", sampleFor("premises_proof"))) == ErrorCode::kValidation);
    CHECK(codeOf(s.filings.prepareUpload(fx.owner, f.id, "no_such_slot")) == ErrorCode::kNotFound);
  }
  SECTION("removal bumps the version") {
    f = must(s.upload(fx.owner, f.id, "license_copy", sampleFor("license_copy")));
    domain::Filing after = must(s.filings.removeAttachment(fx.owner, f.id, "license_copy"));
    CHECK(after.version == f.version + 1);
    CHECK(after.open->attachments.empty());
    CHECK(codeOf(s.filings.removeAttachment(fx.owner, f.id, "license_copy")) == ErrorCode::kNotFound);
  }
}

TEST_CASE("SQLite: a second approved 新增 makes the first LAPSED") {
  SqliteFixture fx;
  auto& s = fx.services;
  domain::Filing first = s.approved(fx.owner);

  fx.clock.set(shanghai({2026, 12, 1}));
  // the next 新增, pre-filled from the approved one, files included
  domain::Filing second = must(s.filings.create(fx.owner, {}, SaveMode::kSave, first.id));
  CHECK(second.open->form == first.approved->application.form);
  CHECK(second.open->attachments == first.approved->application.attachments);
  second = must(s.filings.submit(fx.owner, second.id, second.version));
  // the first one is still in force until the second is approved
  CHECK(fx.listed(first.id).status == FilingStatus::kApproved);
  second = s.approve(second);
  CHECK(second.approved->validUntil == domain::CalendarDate{2027, 11, 30});

  domain::Filing old = fx.stored(first.id);
  CHECK(old.lapsed == domain::LapseReason::kSuperseded);
  CHECK(old.version == first.version + 1);
  CHECK(domain::rowStatus(old, domain::CalendarDate{2026, 12, 1}) == FilingStatus::kLapsed);
  CHECK(fx.listed(first.id).status == FilingStatus::kLapsed);
  CHECK(fx.historyActions(first.id).back() == history_action::kSupersede);
  CHECK(must(s.reviews.verifyHistory(supervisorCaller(), first.id)).ok);
  // the old file blobs are still readable from the new filing
  auto opened = must(s.filings.openAttachment(fx.owner, second.id, "license_original"));
  CHECK(readAll(*opened.reader) == sampleFor("license_original").bytes);

  auto q = must(s.filings.qualification(fx.owner));
  CHECK(q.filingId == second.id);
  CHECK(codeOf(s.filings.startChange(fx.owner, first.id, {}, SaveMode::kSave, old.version)) == ErrorCode::kConflict);
  CHECK(headsOutOfStep(fx.db) == 0);  // the superseded filing's head moved with its own row
}

TEST_CASE("SQLite: moving the clock past validUntil lapses the filing") {
  SqliteFixture fx;
  auto& s = fx.services;
  domain::Filing f = s.approved(fx.owner);  // valid until 2027-02-28
  f = must(s.filings.startChange(fx.owner, f.id, {{"businessScope", std::string{"二手车出口"}}}, SaveMode::kSave,
                                 f.version));

  fx.clock.set(shanghai({2027, 2, 28}, 23, 59));
  CHECK(domain::filingDaysToExpiry(fx.stored(f.id), {2027, 2, 28}) == 0);
  CHECK(s.store.dueToLapse({2027, 2, 28}).empty());

  fx.clock.set(shanghai({2027, 3, 1}, 0, 1));
  const domain::CalendarDate today{2027, 3, 1};
  // read at once, before any sweep: the list and the detail say LAPSED
  app::FilingSummary row = fx.listed(f.id);
  CHECK(row.status == FilingStatus::kPendingSubmit);  // as stored
  CHECK(app::statusOn(row, today) == FilingStatus::kLapsed);
  {
    app::EnterpriseListQuery q;
    q.uscc = kUscc;
    q.today = today;
    q.status = FilingStatus::kLapsed;
    CHECK(s.store.listForEnterprise(q).total == 1);
    q.status = FilingStatus::kPendingSubmit;
    CHECK(s.store.listForEnterprise(q).total == 0);
  }
  CHECK(domain::rowStatus(must(s.filings.detail(fx.owner, f.id)), today) == FilingStatus::kLapsed);
  CHECK(codeOf(s.filings.edit(fx.owner, f.id, {}, SaveMode::kSave, f.version)) == ErrorCode::kConflict);
  CHECK(s.store.dueToLapse(today) == std::vector<std::int64_t>{f.id});

  // the sweep marks it, with its history
  s.writer.sweepLapsed(true);
  domain::Filing lapsed = fx.stored(f.id);
  CHECK(lapsed.lapsed == domain::LapseReason::kExpired);
  CHECK_FALSE(lapsed.open);
  CHECK(lapsed.closed.back().status == domain::ApplicationStatus::kVoid);
  CHECK(fx.listed(f.id).status == FilingStatus::kLapsed);
  CHECK(s.store.dueToLapse(today).empty());
  auto events = s.store.history(f.id);
  REQUIRE(events.size() >= 2);
  CHECK(events[events.size() - 2].action == history_action::kVoidChange);
  CHECK(events.back().action == history_action::kLapse);
  CHECK(events.back().actor == app::kSystemActor);
  CHECK(events.back().toStatus == FilingStatus::kLapsed);
  CHECK(must(s.reviews.verifyHistory(supervisorCaller(), f.id)).ok);
  CHECK_FALSE(must(s.filings.qualification(fx.owner)).qualified);

  // the enterprise list sweeps on its own too (nothing left to do), and reads LAPSED
  auto page = must(s.filings.list(fx.owner, {}));
  REQUIRE(page.items.size() == 1);
  CHECK(app::statusOn(page.items[0], today) == FilingStatus::kLapsed);
  CHECK(headsOutOfStep(fx.db) == 0);
}

TEST_CASE("SQLite: the enterprise list sweeps lapsed filings by itself") {
  SqliteFixture fx;
  auto& s = fx.services;
  domain::Filing f = s.approved(fx.owner);
  CHECK(must(s.filings.list(fx.owner, {})).items.size() == 1);  // sweeps once today
  fx.clock.set(shanghai({2027, 3, 1}, 8));
  auto page = must(s.filings.list(fx.owner, {}));
  REQUIRE(page.items.size() == 1);
  CHECK(page.items[0].status == FilingStatus::kLapsed);
  CHECK(fx.stored(f.id).lapsed == domain::LapseReason::kExpired);
  CHECK(fx.historyActions(f.id).back() == history_action::kLapse);
}

TEST_CASE("SQLite: revoke by the supervisor") {
  SqliteFixture fx;
  auto& s = fx.services;
  domain::Filing f = s.approved(fx.owner);
  f = must(s.filings.startChange(fx.owner, f.id, {}, SaveMode::kSave, f.version));
  CHECK(codeOf(s.reviews.revoke(reviewerCaller(), f.id, "原因", f.version)) == ErrorCode::kForbidden);
  CHECK(codeOf(s.reviews.revoke(supervisorCaller(), f.id, "原因", std::nullopt)) == ErrorCode::kPreconditionRequired);
  CHECK(codeOf(s.reviews.revoke(supervisorCaller(), f.id, " ", f.version)) == ErrorCode::kValidation);
  f = must(s.reviews.revoke(supervisorCaller(), f.id, "违规经营", f.version));
  CHECK(f.voidReason == "违规经营");
  CHECK(fx.listed(f.id).status == FilingStatus::kVoid);
  auto actions = fx.historyActions(f.id);
  CHECK(Strings(actions.end() - 2, actions.end()) == Strings{history_action::kVoidChange, history_action::kRevoke});
  auto events = s.store.history(f.id);
  CHECK(events[events.size() - 2].application == 2);  // the voided change
  CHECK(events.back().application == 1);              // the filing's approved 新增
  CHECK(must(s.reviews.verifyHistory(supervisorCaller(), f.id)).ok);
  CHECK(codeOf(s.reviews.revoke(supervisorCaller(), f.id, "再次", f.version)) == ErrorCode::kConflict);
}

TEST_CASE("SQLite: another enterprise and an out-of-province reviewer get 'not found' for everything") {
  SqliteFixture fx;
  auto& s = fx.services;
  domain::Filing f = s.approved(fx.owner);
  f = must(s.filings.startChange(fx.owner, f.id, {{"businessScope", std::string{"二手车出口"}}}, SaveMode::kSave,
                                 f.version));
  const std::int64_t id = f.id;
  const std::int64_t v = f.version;
  const SampleFile png = sampleFor("license_copy");

  // Enterprises get 403 from every review use case whatever the filing; authorities out of scope 404.
  auto everyCallIsNotFound = [&](const app::Caller& c) {
    const ErrorCode review = c.authority() ? ErrorCode::kNotFound : ErrorCode::kForbidden;
    CHECK(codeOf(s.filings.detail(c, id)) == ErrorCode::kNotFound);
    CHECK(codeOf(s.filings.edit(c, id, {}, SaveMode::kDraft, v)) == ErrorCode::kNotFound);
    CHECK(codeOf(s.filings.remove(c, id, v)) == ErrorCode::kNotFound);
    CHECK(codeOf(s.filings.submit(c, id, v)) == ErrorCode::kNotFound);
    CHECK(codeOf(s.filings.startChange(c, id, {}, SaveMode::kDraft, v)) == ErrorCode::kNotFound);
    CHECK(codeOf(s.filings.prepareUpload(c, id, "license_copy")) == ErrorCode::kNotFound);
    CHECK(codeOf(s.upload(c, id, "license_copy", png)) == ErrorCode::kNotFound);
    CHECK(codeOf(s.filings.removeAttachment(c, id, "license_copy")) == ErrorCode::kNotFound);
    CHECK(codeOf(s.filings.openAttachment(c, id, "license_copy")) == ErrorCode::kNotFound);
    CHECK(codeOf(s.filings.history(c, id)) == ErrorCode::kNotFound);
    CHECK(codeOf(s.filings.diff(c, id)) == ErrorCode::kNotFound);
    CHECK(codeOf(s.reviews.detail(c, id)) == review);
    CHECK(codeOf(s.reviews.decide(c, id, domain::ReviewDecision::kApprove, "同意", {}, v)) == review);
    CHECK(codeOf(s.reviews.revoke(c, id, "原因", v)) == review);
    CHECK(codeOf(s.reviews.verifyHistory(c, id)) == review);
    CHECK(fx.stored(id).version == v);  // nothing changed
  };
  SECTION("another enterprise") {
    app::Caller other = enterpriseCaller(kOtherUscc, "other-1");
    everyCallIsNotFound(other);
    CHECK(codeOf(s.filings.create(other, {}, SaveMode::kDraft, id)) == ErrorCode::kNotFound);
    CHECK(must(s.filings.list(other, {})).items.empty());
    CHECK_FALSE(must(s.filings.qualification(other)).qualified);
  }
  SECTION("a reviewer and rechecker of another province") {
    app::Caller outsider = authorityCaller("rev-bj", true, true, "110000");
    everyCallIsNotFound(outsider);
    CHECK(must(s.reviews.list(outsider, {})).items.empty());
    app::ReviewListQuery q;
    q.provinceCode = "350000";
    CHECK(must(s.reviews.list(outsider, q)).items.empty());
  }
  SECTION("a reviewer of the province may not touch the enterprise's side") {
    app::Caller reviewer = reviewerCaller();
    CHECK(must(s.reviews.detail(reviewer, id)).id == id);
    CHECK(codeOf(s.filings.edit(reviewer, id, {}, SaveMode::kDraft, v)) == ErrorCode::kNotFound);
    CHECK(codeOf(s.upload(reviewer, id, "license_copy", png)) == ErrorCode::kNotFound);
  }
  SECTION("another account of the same enterprise acts on it") {
    app::Caller colleague = enterpriseCaller(kUscc, "ent-2");
    CHECK(must(s.filings.detail(colleague, id)).id == id);
    must(s.filings.edit(colleague, id, {{"businessScope", std::string{"二手车出口贸易"}}}, SaveMode::kSave, v));
    CHECK(fx.stored(id).version == v + 1);
  }
}

TEST_CASE("SQLite: the enterprise list and the authorities' list") {
  SqliteFixture fx;
  checkLists(fx.services, fx.clock);
}
