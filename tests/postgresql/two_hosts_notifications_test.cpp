// Notifications with two hosts over one PostgreSQL (docs/PRODUCT.md §7.2): both hosts' sweeps race for the
// same expiry reminder, which is recorded and sent once; the events of a filing decided through
// either host reach the filer once each; the host's store and mail outbox are shared.
#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

#include "tests/support/filing_fixtures.hpp"
#include "tests/support/inbox.hpp"
#include "tests/support/pg_schema.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/smtp_sink.hpp"

using namespace ucf::test;
using ucf::sdk::Audience;
using ucf::sdk::AudienceKind;

namespace {

void moveClocks(std::initializer_list<TestHost*> hosts, const std::string& now) {
  for (TestHost* host : hosts) {
    HttpClient dev(host->port());
    REQUIRE(dev.put("/api/dev/clock", "{\"now\":\"" + now + "\"}").status == 200);
  }
}

long countOf(const std::vector<std::string>& titles, const std::string& title) {
  return std::count(titles.begin(), titles.end(), title);
}

}  // namespace

TEST_CASE("two hosts over one PostgreSQL: each expiry reminder once, each event once", "[concurrency][notifications]") {
  PgSchema schema;
  TestHost a(schema.hostOptions());
  TestHost b(schema.hostOptions());
  moveClocks({&a, &b}, "2026-03-01T10:00:00+08:00");

  auto first = enterpriseSession(a.port(), "pg-remind-1", "91350100M000100Y43");
  auto second = enterpriseSession(b.port(), "pg-remind-2", "91110000600037341L");
  auto reviewer = authoritySession(a.port(), "pg-remind-rev", {"reviewer"}, "350000");
  auto rechecker = authoritySession(b.port(), "pg-remind-rck", {"rechecker"}, "350000");
  const long long f1 = submittedFiling(first);  // through host A
  approve(reviewer, rechecker, f1);             // decided through A and B: valid until 2027-02-28
  REQUIRE(awaitInbox(first, 3).size() == 3);
  CHECK(inboxTitles(first) == std::vector<std::string>{"备案已审核通过", "备案已通过初审", "备案已上报"});

  // A day later the second enterprise's filing is approved: valid until 2027-03-01.
  moveClocks({&a, &b}, "2026-03-02T10:00:00+08:00");
  second = loginSession(b.port(), "pg-remind-2");
  reviewer = loginSession(a.port(), "pg-remind-rev");
  rechecker = loginSession(b.port(), "pg-remind-rck");
  const long long f2 = submittedFiling(second);
  approve(reviewer, rechecker, f2);
  REQUIRE(awaitInbox(second, 3).size() == 3);

  // Both hosts reach 90 days before the first filing's end at once: both sweeps race for it.
  moveClocks({&a, &b}, "2026-11-30T08:00:00+08:00");
  first = loginSession(a.port(), "pg-remind-1");
  auto reminded = awaitInbox(first, 4, std::chrono::seconds(10));
  REQUIRE(reminded.size() == 4);
  CHECK(reminded[0].title == "备案即将到期");

  // The next day both hosts owe the second filing its reminder; once it arrives, both have swept
  // past the first one's day at least once more.
  moveClocks({&a, &b}, "2026-12-01T08:00:00+08:00");
  second = loginSession(b.port(), "pg-remind-2");
  REQUIRE(awaitInbox(second, 4, std::chrono::seconds(10)).size() == 4);
  first = loginSession(a.port(), "pg-remind-1");
  CHECK(countOf(inboxTitles(first), "备案即将到期") == 1);
  CHECK(countOf(inboxTitles(second), "备案即将到期") == 1);
  CHECK(schema.count("SELECT COUNT(*) FROM " + schema.name() + ".ucf_expiry_reminder") == 2);
  CHECK(schema.count("SELECT COUNT(*) FROM " + schema.name() +
                     ".ucf_notification_outbox WHERE notification_key LIKE '%/expiry/%'") == 2);
  // Every outbox row reached the host once per recipient, whichever host relayed it.
  CHECK(schema.count("SELECT COUNT(*) FROM " + schema.name() + ".host_notifications") ==
        schema.count("SELECT COUNT(*) FROM (SELECT DISTINCT source_key, account_id FROM " + schema.name() +
                     ".host_notifications) x"));
}

TEST_CASE("two hosts over one PostgreSQL with --smtp: every mail is sent once, whichever host takes it",
          "[concurrency][notifications]") {
  PgSchema schema;
  SmtpSink sink;
  auto options = schema.hostOptions();
  options.tune = [&sink](ucf::host::HostOptions& o) { o.smtp = "127.0.0.1:" + std::to_string(sink.port()); };
  TestHost a(options);
  TestHost b(options);
  auto ent = enterpriseSession(a.port(), "pg-mail", "91350100M000100Y43");
  Audience me;
  me.kind = AudienceKind::kAccount;
  me.userId = std::string(ent.get("/api/session").json().at("principal").at("userId").as_string());

  // Ten notifications, each handed to both hosts (as two relays may): both mail threads race.
  constexpr std::size_t kMails = 10;
  for (std::size_t i = 0; i < kMails; ++i) {
    ucf::sdk::Notification n;
    n.key = "mail/" + std::to_string(i);
    n.audience = {me};
    n.title = "备案已上报";
    n.body = "第 " + std::to_string(i) + " 条";
    n.at = std::chrono::system_clock::now();
    a.host().notifier("test-plugin").send(n);
    b.host().notifier("test-plugin").send(n);
  }
  REQUIRE(sink.waitFor(kMails, std::chrono::seconds(60)).size() >= kMails);
  // Once every row reads sent, any second sending of one would have reached the sink already.
  HttpClient dev(a.port());
  auto allSent = [&] {
    return schema.count("SELECT COUNT(*) FROM " + schema.name() + ".host_mail_outbox WHERE state = 'sent'") ==
           static_cast<long>(kMails);
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!allSent() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(allSent());
  CHECK(sink.waitFor(kMails, std::chrono::seconds(0)).size() == kMails);
  CHECK(dev.get("/api/dev/outbox").json().at("items").as_array().size() == kMails);
  CHECK(inboxTitles(ent).size() == kMails);
}
