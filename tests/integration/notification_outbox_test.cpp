// The plugin's notification outbox on a real SQLite file (docs/PRODUCT.md §7.2): a notification is
// stored in the transaction of the change that caused it, or not at all; a reminder is recorded
// once; the relay's rows come back in order with their audience, and once marked are gone.
#include <catch2/catch.hpp>

#include "tests/support/store_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ucf;
using namespace ucf::test;
using Audience = app::NotificationAudience;

namespace {

app::OutgoingNotification sample(const std::string& key) {
  return {key,
          {{Audience::Kind::kVerifiedEnterprise, kUscc},
           {Audience::Kind::kAccount, "u-1"},
           {Audience::Kind::kProvinceRole, "350000", Audience::Role::kRechecker}},
          "备案已上报",
          "二手车出口备案（编号 1）已上报，等待审核。",
          "/used-car-filing/detail?id=1",
          shanghai(kStartDay)};
}

}  // namespace

TEST_CASE("notification outbox: rolled back with its transaction, kept with its commit; reminders once") {
  TempDir dir;
  adapters::Database db{adapters::Dialect::kSqlite, (dir.path() / "outbox.db").string(), 4};
  adapters::applyMigrations(db, migrationClock());
  TestClock clock{shanghai(kStartDay)};
  StoreServices s{db, clock, dir.path()};

  {
    auto tx = s.store.beginWrite();
    tx->appendNotification(sample("k/rolled-back"));
  }  // destroyed without commit
  CHECK(s.store.undeliveredNotifications(10).empty());

  {
    auto tx = s.store.beginWrite();
    tx->appendNotification(sample("k/1"));
    tx->appendNotification(sample("k/2"));
    tx->appendNotification(sample("k/1"));  // the same key again: kept once
    tx->commit();
  }
  auto rows = s.store.undeliveredNotifications(10);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].notification == sample("k/1"));
  CHECK(rows[1].notification.key == "k/2");
  s.store.markNotificationDelivered(rows[0].id);
  rows = s.store.undeliveredNotifications(10);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].notification.key == "k/2");

  // A reminder needs a filing; recorded once, and its rollback records nothing.
  auto created = s.filings.create(enterpriseCaller(), {}, domain::SaveMode::kDraft, std::nullopt);
  REQUIRE(created.ok());
  const std::int64_t id = created.value().id;
  const domain::CalendarDate until{2027, 2, 28};
  {
    auto tx = s.store.beginWrite();
    CHECK(tx->recordReminder(id, until, 90, clock.now()));
  }
  {
    auto tx = s.store.beginWrite();
    CHECK(tx->recordReminder(id, until, 90, clock.now()));
    tx->commit();
  }
  auto again = s.store.beginWrite();
  CHECK_FALSE(again->recordReminder(id, until, 90, clock.now()));
  CHECK(again->recordReminder(id, until, 30, clock.now()));
}
