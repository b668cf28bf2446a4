// The host's notification service (docs/PRODUCT.md §7.2): who an audience reaches (§2.1: not a
// stranger who typed the USCC), one row per key and account, the caller's list with its read
// marks, the outbox, and SMTP delivery with a retry after the relay was down.
#include <catch2/catch.hpp>

#include <thread>

#include <boost/json.hpp>

#include "tests/support/inbox.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/smtp_sink.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;
namespace bj = boost::json;
using ucf::sdk::Audience;
using ucf::sdk::AudienceKind;
using ucf::sdk::Role;

namespace {

constexpr const char* kUscc = "91350100M000100Y43";
constexpr const char* kOtherUscc = "91110000600037341L";

std::string userIdOf(HttpClient& client) {
  auto r = client.get("/api/session");
  REQUIRE(r.status == 200);
  return std::string(r.json().at("principal").at("userId").as_string());
}

ucf::sdk::Notification notification(const std::string& key, std::vector<Audience> audience,
                                    const std::string& title = "备案已上报") {
  ucf::sdk::Notification n;
  n.key = key;
  n.audience = std::move(audience);
  n.title = title;
  n.body = "二手车备案（编号 1）已上报，等待审核。";
  n.link = "/used-car-filing/detail?id=1";
  n.at = std::chrono::system_clock::now();
  return n;
}

bj::value inbox(HttpClient& client, const std::string& query = "") {
  auto r = client.get("/api/notifications" + query);
  REQUIRE(r.status == 200);
  return r.json();
}

Audience verified(const std::string& uscc) {
  Audience a;
  a.kind = AudienceKind::kVerifiedEnterprise;
  a.uscc = uscc;
  return a;
}

Audience account(const std::string& userId) {
  Audience a;
  a.kind = AudienceKind::kAccount;
  a.userId = userId;
  return a;
}

Audience provinceRole(Role role, const std::string& province) {
  Audience a;
  a.kind = AudienceKind::kProvinceRole;
  a.role = role;
  a.provinceCode = province;
  return a;
}

}  // namespace

TEST_CASE("notifications: each audience reaches exactly the accounts §2.1 and §7.2 name", "[notifications]") {
  TestHost host;
  auto ca = caSession(host.port(), "ca-user", kUscc);
  auto trusted = enterpriseSession(host.port(), "trusted-acct", kUscc);
  auto stranger = enterpriseSession(host.port(), "stranger-acct", kUscc);
  auto other = caSession(host.port(), "other-ca", kOtherUscc);
  REQUIRE(setTrusted(ca, "trusted-acct") == 204);
  auto reviewer = authoritySession(host.port(), "rev-fj", {"reviewer"}, "350000");
  auto both = authoritySession(host.port(), "both-fj", {"reviewer", "rechecker"}, "350000");
  auto rechecker = authoritySession(host.port(), "rck-fj", {"rechecker"}, "350000");
  auto reviewerBj = authoritySession(host.port(), "rev-bj", {"reviewer"}, "110000");
  auto& notifier = host.host().notifier("test-plugin");

  notifier.send(notification("e/1", {verified(kUscc)}, "企业消息"));
  notifier.send(notification("s/1", {account(userIdOf(stranger))}, "本人消息"));
  notifier.send(notification("r/1", {provinceRole(Role::kReviewer, "350000")}, "待初审"));
  notifier.send(notification("c/1", {provinceRole(Role::kRechecker, "350000"), provinceRole(Role::kReviewer, "350000")},
                             "待复核"));

  CHECK(inboxTitles(ca) == std::vector<std::string>{"企业消息"});
  CHECK(inboxTitles(trusted) == std::vector<std::string>{"企业消息"});
  // A stranger who typed the USCC gets nothing of the enterprise's, only what names it.
  CHECK(inboxTitles(stranger) == std::vector<std::string>{"本人消息"});
  CHECK(inboxTitles(other).empty());
  CHECK(inboxTitles(reviewer) == std::vector<std::string>{"待复核", "待初审"});
  // An account in two audiences of one notification gets it once.
  CHECK(inboxTitles(both) == std::vector<std::string>{"待复核", "待初审"});
  CHECK(inboxTitles(rechecker) == std::vector<std::string>{"待复核"});
  CHECK(inboxTitles(reviewerBj).empty());

  // Trust withdrawn: later enterprise messages no longer reach that account.
  REQUIRE(setTrusted(ca, "trusted-acct", false) == 204);
  notifier.send(notification("e/2", {verified(kUscc)}, "企业消息二"));
  CHECK(inboxTitles(trusted) == std::vector<std::string>{"企业消息"});
  CHECK(inboxTitles(ca) == std::vector<std::string>{"企业消息二", "企业消息"});
}

TEST_CASE("notifications: a key is stored once; the list pages newest first; read marks are the caller's own",
          "[notifications]") {
  TestHost host;
  auto mine = enterpriseSession(host.port(), "reader-one", kUscc);
  auto theirs = enterpriseSession(host.port(), "reader-two", kUscc);
  auto& notifier = host.host().notifier("test-plugin");
  const std::string me = userIdOf(mine);
  for (int i = 1; i <= 5; ++i)
    notifier.send(notification("k/" + std::to_string(i), {account(me)}, "消息" + std::to_string(i)));
  // Handed again (a relay after a crash, a second host): nothing new.
  notifier.send(notification("k/3", {account(me)}, "消息3"));
  notifier.send(notification("k/1", {account(userIdOf(theirs))}, "他人消息"));

  auto first = inbox(mine, "?limit=2");
  REQUIRE(first.at("items").as_array().size() == 2);
  CHECK(first.at("items").at(0).at("title") == "消息5");
  CHECK(first.at("items").at(1).at("title") == "消息4");
  CHECK(first.at("unread") == 5);
  CHECK(first.at("items").at(0).at("read") == false);
  CHECK(first.at("items").at(0).at("link") == "/used-car-filing/detail?id=1");
  const std::string cursor(first.at("nextCursor").as_string());
  auto second = inbox(mine, "?limit=2&cursor=" + cursor);
  CHECK(second.at("items").at(0).at("title") == "消息3");
  auto last = inbox(mine, "?limit=2&cursor=" + std::string(second.at("nextCursor").as_string()));
  CHECK(last.at("items").as_array().size() == 1);
  CHECK(last.at("nextCursor").is_null());

  for (const char* bad : {"?limit=0", "?limit=101", "?limit=x", "?cursor=abc", "?unreadOnly=yes"}) {
    auto r = mine.get(std::string("/api/notifications") + bad);
    INFO(bad);
    CHECK(r.status == 422);
    CHECK(r.header("content-type").find("application/problem+json") == 0);
  }
  CHECK(mine.get("/api/notifications?limit=0").json().at("errors").at(0).at("field") == "limit");

  const auto id = std::to_string(first.at("items").at(0).at("id").as_int64());
  const auto theirId = std::to_string(inbox(theirs).at("items").at(0).at("id").as_int64());
  CHECK(mine.post("/api/notifications/" + theirId + "/read", "").status == 404);
  CHECK(mine.post("/api/notifications/999999/read", "").status == 404);
  CHECK(inbox(theirs).at("unread") == 1);
  CHECK(mine.post("/api/notifications/" + id + "/read", "").status == 204);
  auto after = inbox(mine);
  CHECK(after.at("unread") == 4);
  CHECK(after.at("items").at(0).at("read") == true);
  CHECK(inbox(mine, "?unreadOnly=true").at("items").at(0).at("title") == "消息4");

  CHECK(mine.post("/api/notifications/read-all", "").status == 204);
  CHECK(inbox(mine).at("unread") == 0);
  CHECK(inbox(mine, "?unreadOnly=true").at("items").as_array().empty());
  CHECK(inbox(theirs).at("unread") == 1);

  HttpClient anonymous(host.port());
  CHECK(anonymous.get("/api/notifications").status == 401);
}

TEST_CASE("notifications: without --smtp mail stays in the outbox; the outbox is dev-only", "[notifications]") {
  TestHost host;
  auto ent = enterpriseSession(host.port(), "mail-one", kUscc);
  auto reviewer = authoritySession(host.port(), "rev-nomail", {"reviewer"}, "350000");
  host.host().notifier("test-plugin").send(notification("m/1", {account(userIdOf(ent)), account(userIdOf(reviewer))}));
  HttpClient dev(host.port());
  auto outbox = dev.get("/api/dev/outbox");
  REQUIRE(outbox.status == 200);
  // Only the account that registered an address has mail.
  const bj::value mails = outbox.json();
  const auto& items = mails.at("items").as_array();
  REQUIRE(items.size() == 1);
  CHECK(items.at(0).at("to") == "zhangsan@example.com");
  CHECK(items.at(0).at("subject") == "备案已上报");
  CHECK(items.at(0).at("state") == "pending");
  CHECK(std::string(items.at(0).at("body").as_string()).find("已上报") != std::string::npos);

  TestHost::Options plain;
  plain.dev = false;
  TestHost production(plain);
  CHECK(HttpClient(production.port()).get("/api/dev/outbox").status == 404);
}

TEST_CASE("notifications: mail goes through --smtp, and is retried after the relay was down", "[notifications]") {
  std::uint16_t port = 0;
  { port = SmtpSink().port(); }  // a port that nothing listens on now
  TestHost::Options options;
  options.tune = [port](ucf::host::HostOptions& o) { o.smtp = "127.0.0.1:" + std::to_string(port); };
  TestHost host(options);
  auto ent = enterpriseSession(host.port(), "mail-two", kUscc);
  host.host().notifier("test-plugin").send(notification("m/2", {account(userIdOf(ent))}, "备案已通过"));

  HttpClient dev(host.port());
  auto attempted = [&] {
    const bj::value outbox = dev.get("/api/dev/outbox").json();
    const auto& items = outbox.at("items").as_array();
    return !items.empty() && items.at(0).at("attempts").as_int64() >= 1 && items.at(0).at("state") == "pending";
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!attempted() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(attempted());  // the relay was down: the mail waits for a retry

  SmtpSink sink(port);  // the relay is back
  auto received = sink.waitFor(1, std::chrono::seconds(60));
  REQUIRE(received.size() == 1);
  CHECK(received.at(0).recipients == std::vector<std::string>{"zhangsan@example.com"});
  CHECK(received.at(0).data.find("Subject: =?UTF-8?") != std::string::npos);
  auto sent = [&] { return dev.get("/api/dev/outbox").json().at("items").at(0).at("state") == "sent"; };
  const auto sentBy = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!sent() && std::chrono::steady_clock::now() < sentBy)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(sent());

  // The next one goes at once, and only once.
  host.host().notifier("test-plugin").send(notification("m/3", {account(userIdOf(ent))}, "备案已撤销"));
  host.host().notifier("test-plugin").send(notification("m/3", {account(userIdOf(ent))}, "备案已撤销"));
  received = sink.waitFor(2, std::chrono::seconds(30));
  CHECK(received.size() == 2);
  CHECK(dev.get("/api/dev/outbox").json().at("items").as_array().size() == 2);
}
