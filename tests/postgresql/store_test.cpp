// The filing store against a real PostgreSQL server: UCF_TEST_PG_URI names it (scripts/test.sh
// starts a throwaway one). Each test works in a schema of its own, so tests may run in parallel;
// two Database instances over one schema stand for two hosts over one database.

#include <catch2/catch.hpp>

#include <atomic>
#include <barrier>
#include <thread>
#include <vector>

#include "plugin/domain/filer.hpp"
#include "tests/support/guarded_write_scenario.hpp"
#include "tests/support/list_scenario.hpp"
#include "tests/support/migration_race.hpp"
#include "tests/support/pg_schema.hpp"
#include "tests/support/store_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ucf;
using namespace ucf::test;
using domain::ErrorCode;
using domain::FilingStatus;
using domain::SaveMode;
namespace history_action = domain::history_action;

namespace {

using Strings = std::vector<std::string>;

// One "host": a Database of its own and the services over it.
struct Host {
  Host(const PgSchema& schema, const app::TimeSource& clock, const std::filesystem::path& spool)
      : db(adapters::Dialect::kPostgresql, schema.uri(), 8), services(db, clock, spool) {}
  adapters::Database db;
  StoreServices services;
};

struct PgFixture {
  TempDir dir;
  PgSchema schema;
  TestClock clock{shanghai(kStartDay)};
  Host one{schema, clock, dir.path()};
  Host two{schema, clock, dir.path()};
  app::Caller owner = enterpriseCaller();

  PgFixture() { adapters::applyMigrations(one.db, migrationClock()); }

  domain::Filing stored(std::int64_t id) {
    auto f = one.services.store.find(id);
    REQUIRE(f);
    return *f;
  }
  Strings historyActions(std::int64_t id) {
    Strings out;
    for (const auto& e : one.services.store.history(id)) out.push_back(e.action);
    return out;
  }
};

}  // namespace

TEST_CASE("PostgreSQL: the test schema is the one sessions use") {
  PgSchema schema;
  CHECK(dbkit::postgresqlConnectionString(schema.uri()).find("options=-csearch_path=" + schema.name()) !=
        std::string::npos);
  adapters::Database db(adapters::Dialect::kPostgresql, schema.uri(), 1);
  Poco::Data::Session s = db.session();
  std::string current;
  s << "SELECT current_schema()", Poco::Data::Keywords::into(current), Poco::Data::Keywords::now;
  CHECK(current == schema.name());
}

TEST_CASE("PostgreSQL: the plugin's connections compile no statement with JIT") {
  PgSchema schema;
  adapters::Database db(adapters::Dialect::kPostgresql, schema.uri(), 1);
  auto lease = db.lease();  // a connection as the store's statements get it
  std::string jit;
  lease.session() << "SHOW jit", Poco::Data::Keywords::into(jit), Poco::Data::Keywords::now;
  CHECK(jit == "off");
}

TEST_CASE("PostgreSQL: migrations apply once, also when two hosts start at once", "[concurrency]") {
  PgSchema schema;
  SECTION("one after the other") {
    adapters::Database db(adapters::Dialect::kPostgresql, schema.uri(), 2);
    CHECK(adapters::applyMigrations(db, migrationClock()) ==
          Strings{"001_filings.sql", "002_filers.sql", "003_notifications.sql", "004_history_head.sql", "005_review_list_index.sql"});
    CHECK(adapters::applyMigrations(db, migrationClock()).empty());
    adapters::Database again(adapters::Dialect::kPostgresql, schema.uri(), 2);
    CHECK(adapters::applyMigrations(again, migrationClock()).empty());
    CHECK(countRows(db, "SELECT COUNT(*) FROM ucf_schema_migrations WHERE $1 = $1", 0) == 5);
  }
  SECTION("two threads, two Database instances, at once") {
    adapters::Database a(adapters::Dialect::kPostgresql, schema.uri(), 2);
    adapters::Database b(adapters::Dialect::kPostgresql, schema.uri(), 2);
    checkMigrationsApplyOnce(a, b);
    CHECK(countRows(a, "SELECT COUNT(*) FROM ucf_filing WHERE id > $1", 0) == 0);
  }
}

TEST_CASE("PostgreSQL: the journey to APPROVED, a change, supersession and lapse") {
  PgFixture fx;
  auto& s = fx.one.services;

  domain::Filing f =
      must(s.filings.create(fx.owner, {{"enterpriseName", std::string{"福州示例"}}}, SaveMode::kDraft, {}));
  CHECK(fx.stored(f.id) == f);
  CHECK(codeOf(s.filings.edit(fx.owner, f.id, completeForm(), SaveMode::kSave, std::nullopt)) ==
        ErrorCode::kPreconditionRequired);
  CHECK(codeOf(s.filings.edit(fx.owner, f.id, completeForm(), SaveMode::kSave, 0)) == ErrorCode::kStale);
  f = must(s.filings.edit(fx.owner, f.id, completeForm(), SaveMode::kSave, f.version));
  f = s.uploadAll(fx.owner, f);
  CHECK(fx.stored(f.id) == f);

  // a file read back through the other host, byte for byte
  {
    auto opened = must(fx.two.services.filings.openAttachment(fx.owner, f.id, "license_original"));
    const std::string back = readAll(*opened.reader);
    CHECK(back == sampleFor("license_original").bytes);
    CHECK(adapters::sha256Hex(back) == opened.attachment.sha256);
    const std::string big = makePdf("1.7", 2 * adapters::SqlFilingStore::kChunkBytes + 7);
    f = must(s.upload(fx.owner, f.id, "company_profile", {"profile.pdf", big}));
    auto reopened = must(fx.two.services.filings.openAttachment(fx.owner, f.id, "company_profile"));
    CHECK(readAll(*reopened.reader) == big);
  }

  f = must(s.filings.submit(fx.owner, f.id, f.version));
  f = must(
      fx.two.services.reviews.decide(reviewerCaller(), f.id, domain::ReviewDecision::kApprove, "同意", {}, f.version));
  CHECK(codeOf(s.reviews.decide(authorityCaller("rev-1", true, true), f.id, domain::ReviewDecision::kApprove, "同意",
                                {}, f.version)) == ErrorCode::kForbidden);
  fx.clock.advance(std::chrono::hours(2));
  f = must(s.reviews.decide(recheckerCaller(), f.id, domain::ReviewDecision::kApprove, "同意", {}, f.version));
  REQUIRE(f.approved);
  CHECK(f.approved->approvedAt == fx.clock.now());
  CHECK(f.approved->validUntil == domain::CalendarDate{2027, 2, 28});
  CHECK(fx.stored(f.id) == f);
  CHECK(must(s.filings.qualification(fx.owner)).filingId == f.id);

  // a change, approved later, keeps validUntil
  fx.clock.set(shanghai({2026, 8, 1}));
  f = must(
      s.filings.startChange(fx.owner, f.id, {{"enterpriseName", std::string{"福州新名"}}}, SaveMode::kSave, f.version));
  CHECK(codeOf(fx.two.services.filings.startChange(fx.owner, f.id, {}, SaveMode::kSave, f.version)) ==
        ErrorCode::kOpenApplicationExists);
  auto diff = must(s.filings.diff(fx.owner, f.id));
  REQUIRE(diff.size() == 1);
  CHECK(diff[0].field == "enterpriseName");
  f = must(s.filings.submit(fx.owner, f.id, f.version));
  f = s.approve(f);
  CHECK(f.approved->application.type == domain::ApplicationType::kChange);
  CHECK(f.approved->validUntil == domain::CalendarDate{2027, 2, 28});
  CHECK(f.approved->approvedAt == fx.clock.now());

  // history and form versions
  auto verified = must(s.reviews.verifyHistory(supervisorCaller(), f.id));
  CHECK(verified.ok);
  auto events = s.store.history(f.id);
  CHECK(verified.events == static_cast<std::int64_t>(events.size()));
  for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i].seq == static_cast<std::int64_t>(i + 1));
  CHECK(countRows(fx.one.db, "SELECT COUNT(*) FROM ucf_form_version WHERE filing_id = $1", f.id) == 14);
  {
    using namespace Poco::Data::Keywords;
    Poco::Data::Session session = fx.one.db.session();
    Poco::Int64 id = f.id;
    session << "UPDATE ucf_history SET content = REPLACE(content, '\"action\":\"submit\"', '\"action\":\"save\"') "
               "WHERE filing_id = $1 AND seq = 14",
        use(id), now;
    auto broken = must(s.reviews.verifyHistory(supervisorCaller(), f.id));
    CHECK(broken.firstBrokenSeq == 14);
  }

  // a second 新增, approved, makes this one LAPSED
  fx.clock.set(shanghai({2026, 10, 1}));
  domain::Filing next = must(fx.two.services.filings.create(fx.owner, {}, SaveMode::kSave, f.id));
  next = must(fx.two.services.filings.submit(fx.owner, next.id, next.version));
  next = fx.two.services.approve(next);
  CHECK(fx.stored(f.id).lapsed == domain::LapseReason::kSuperseded);
  CHECK(fx.historyActions(f.id).back() == history_action::kSupersede);

  // and the clock past its validUntil lapses the second one
  fx.clock.set(shanghai({2027, 10, 1}));
  CHECK(fx.stored(next.id).approved->validUntil == domain::CalendarDate{2027, 9, 30});
  CHECK(s.store.dueToLapse({2027, 10, 1}) == std::vector<std::int64_t>{next.id});
  app::EnterpriseListQuery q;
  q.uscc = kUscc;
  q.today = {2027, 10, 1};
  q.status = FilingStatus::kLapsed;
  CHECK(s.store.listForEnterprise(q).total == 2);  // at once, before the sweep
  s.writer.sweepLapsed(true);
  CHECK(fx.stored(next.id).lapsed == domain::LapseReason::kExpired);
  CHECK(fx.historyActions(next.id).back() == history_action::kLapse);
  CHECK(s.store.dueToLapse({2027, 10, 1}).empty());
  CHECK_FALSE(must(s.filings.qualification(fx.owner)).qualified);
  CHECK(headsOutOfStep(fx.one.db) == 0);  // create, uploads, decisions, a change, supersession, lapse
}

TEST_CASE("PostgreSQL: one open 新增 per enterprise, racing across two hosts", "[concurrency]") {
  PgFixture fx;
  constexpr int kThreads = 8;
  for (int round = 0; round < 5; ++round) {
    const std::string uscc = usccNumber(round);
    REQUIRE(reference::isValidUscc(uscc));
    std::barrier start(kThreads);
    std::atomic<int> created{0}, refused{0};
    std::vector<std::string> others(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        StoreServices& host = i % 2 == 0 ? fx.one.services : fx.two.services;
        start.arrive_and_wait();
        auto r = host.filings.create(enterpriseCaller(uscc, "ent-" + std::to_string(i)), {}, SaveMode::kDraft, {});
        if (r.ok()) {
          ++created;
        } else if (r.error().code == ErrorCode::kOpenApplicationExists) {
          ++refused;
        } else {
          others[i] = describe(r);
        }
      });
    }
    for (auto& t : threads) t.join();
    INFO("round " << round);
    CHECK(created == 1);
    CHECK(refused == kThreads - 1);
    for (const auto& o : others) CHECK(o.empty());
  }
  CHECK(countRows(fx.one.db, "SELECT COUNT(*) FROM ucf_filing WHERE deleted = $1", 0) == 5);

  // the unique index holds when the service's check is bypassed
  domain::Filing second = domain::newFiling(usccNumber(0), {}, fx.clock.now());
  second.filer = std::string(domain::kVerifiedFiler);  // the filer of the racing verified accounts
  auto tx = fx.two.services.store.beginWrite();
  CHECK_THROWS_AS(tx->insert(second, app::summarize(second, kStartDay)), app::UniqueViolation);
}

TEST_CASE("PostgreSQL: concurrent decisions on one filing from two hosts, one If-Match: one wins", "[concurrency]") {
  PgFixture fx;
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds; ++round) {
    INFO("round " << round);
    const app::Caller owner = enterpriseCaller(usccNumber(round));
    domain::Filing f = fx.one.services.submitted(owner);
    const std::int64_t version = f.version;
    const std::size_t eventsBefore = fx.historyActions(f.id).size();

    // two reviewers of the province, each on its own host, decide the same version at once
    std::barrier start(2);
    std::vector<domain::Outcome<domain::Filing>> results(2, domain::fail(ErrorCode::kConflict, "not run"));
    const domain::ReviewDecision decisions[2] = {domain::ReviewDecision::kApprove, domain::ReviewDecision::kReject};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        StoreServices& host = i == 0 ? fx.one.services : fx.two.services;
        const app::Caller reviewer = reviewerCaller("rev-" + std::to_string(i));
        start.arrive_and_wait();
        results[static_cast<std::size_t>(i)] = host.reviews.decide(reviewer, f.id, decisions[i], "意见", {}, version);
      });
    }
    for (auto& t : threads) t.join();
    const int wins = (results[0].ok() ? 1 : 0) + (results[1].ok() ? 1 : 0);
    REQUIRE(wins == 1);
    const std::size_t winner = results[0].ok() ? 0 : 1;
    CHECK(codeOf(results[1 - winner]) == ErrorCode::kStale);

    // nothing lost, nothing doubled
    domain::Filing after = fx.stored(f.id);
    CHECK(after.version == version + 1);
    REQUIRE(after.open);
    REQUIRE(after.open->reviews.size() == 1);
    CHECK(after.open->reviews[0].decision == decisions[winner]);
    CHECK(after.open->reviews[0].reviewer.userId == "rev-" + std::to_string(winner));
    CHECK(fx.historyActions(f.id).size() == eventsBefore + 1);
    CHECK(must(fx.two.services.reviews.verifyHistory(supervisorCaller(), f.id)).ok);
  }

  SECTION("two recheckers approving one filing at once: one wins") {
    domain::Filing f = fx.one.services.submitted(enterpriseCaller(usccNumber(10)));
    f = must(fx.one.services.reviews.decide(reviewerCaller(), f.id, domain::ReviewDecision::kApprove, "同意", {},
                                            f.version));
    std::barrier start(2);
    std::vector<domain::Outcome<domain::Filing>> results(2, domain::fail(ErrorCode::kConflict, "not run"));
    std::thread a([&] {
      start.arrive_and_wait();
      results[0] = fx.one.services.reviews.decide(recheckerCaller("chk-a"), f.id, domain::ReviewDecision::kApprove,
                                                  "同意", {}, f.version);
    });
    std::thread b([&] {
      start.arrive_and_wait();
      results[1] = fx.two.services.reviews.decide(recheckerCaller("chk-b"), f.id, domain::ReviewDecision::kApprove,
                                                  "同意", {}, f.version);
    });
    a.join();
    b.join();
    CHECK((results[0].ok() ? 1 : 0) + (results[1].ok() ? 1 : 0) == 1);
    domain::Filing after = fx.stored(f.id);
    REQUIRE(after.approved);
    CHECK(after.approved->application.reviews.size() == 2);
    CHECK(after.version == f.version + 1);
  }
}

TEST_CASE("PostgreSQL: concurrent edits from two hosts with one If-Match: one wins", "[concurrency]") {
  PgFixture fx;
  domain::Filing f = must(fx.one.services.filings.create(fx.owner, completeForm(), SaveMode::kSave, {}));
  for (int round = 0; round < 5; ++round) {
    const std::int64_t version = f.version;
    std::barrier start(2);
    std::vector<domain::Outcome<domain::Filing>> results(2, domain::fail(ErrorCode::kConflict, "not run"));
    const std::string cities[2] = {"厦门市" + std::to_string(round), "泉州市" + std::to_string(round)};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        StoreServices& host = i == 0 ? fx.one.services : fx.two.services;
        start.arrive_and_wait();
        results[static_cast<std::size_t>(i)] =
            host.filings.edit(fx.owner, f.id, {{"address.city", cities[i]}}, SaveMode::kSave, version);
      });
    }
    for (auto& t : threads) t.join();
    REQUIRE((results[0].ok() ? 1 : 0) + (results[1].ok() ? 1 : 0) == 1);
    const std::size_t winner = results[0].ok() ? 0 : 1;
    CHECK(codeOf(results[1 - winner]) == ErrorCode::kStale);
    f = fx.stored(f.id);
    CHECK(f.version == version + 1);
    CHECK(*domain::stringOf(f.open->form, "address.city") == cities[winner]);
  }
  CHECK(fx.historyActions(f.id).size() == 6);
  CHECK(countRows(fx.one.db, "SELECT COUNT(*) FROM ucf_form_version WHERE filing_id = $1", f.id) == 6);
}

TEST_CASE("PostgreSQL: a draft save is a plain read and one statement, both kept prepared") {
  PgFixture fx;
  auto& s = fx.one.services;
  domain::Filing f = must(s.filings.create(fx.owner, completeForm(), SaveMode::kDraft, {}));
  auto save = [&](int n) {
    f = must(s.filings.edit(fx.owner, f.id, {{"businessScope", "二手车销售；第 " + std::to_string(n) + " 次暂存"}},
                            SaveMode::kDraft, f.version));
  };
  save(1);  // prepares the statements on the connection
  const auto before = fx.one.db.traffic();
  save(2);
  const auto after = fx.one.db.traffic();
  // The load, then the compare-and-set with the form version and the history event in one
  // statement in autocommit: no BEGIN, no COMMIT, no SELECT of the last event, nothing prepared.
  CHECK(after.statements - before.statements == 2);
  CHECK(after.prepared - before.prepared == 0);
  CHECK(after.transactionControl - before.transactionControl == 0);
  CHECK(fx.historyActions(f.id).size() == 3);
  CHECK(countRows(fx.one.db, "SELECT COUNT(*) FROM ucf_form_version WHERE filing_id = $1", f.id) == 3);
  CHECK(headsOutOfStep(fx.one.db) == 0);
  // A stale version writes nothing: neither the row nor the form version nor the history.
  CHECK(codeOf(s.filings.edit(fx.owner, f.id, {{"businessScope", std::string{"过期"}}}, SaveMode::kDraft,
                              f.version - 1)) == ErrorCode::kStale);
  CHECK(fx.stored(f.id) == f);
  CHECK(fx.historyActions(f.id).size() == 3);
  CHECK(countRows(fx.one.db, "SELECT COUNT(*) FROM ucf_form_version WHERE filing_id = $1", f.id) == 3);
}

TEST_CASE("PostgreSQL: a guarded write whose filing changed since it was read stores nothing") {
  PgFixture fx;
  checkStaleGuardedWriteStoresNothing(fx.one.services, fx.one.db, fx.clock);
}

TEST_CASE("PostgreSQL: the enterprise list and the authorities' list") {
  PgFixture fx;
  checkLists(fx.one.services, fx.clock);
}
