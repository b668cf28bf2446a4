// The plugin's notifications (docs/PRODUCT.md §7.2) through the real host: every event reaches the
// filer (§2.1: the verified principals of the USCC, or the unverified account that created the
// filing; never a stranger who typed the USCC) and, at their stage, the province's reviewers and
// recheckers; expiry reminders at 90/30/7 days once each, also across a restart.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/support/filing_fixtures.hpp"
#include "tests/support/inbox.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;
namespace bj = boost::json;

namespace {

constexpr const char* kUscc = "91350100M000100Y43";

std::string path(long long id, const std::string& tail = "") {
  return std::string(kApi) + "/filings/" + std::to_string(id) + tail;
}

std::string reviewPath(long long id, const std::string& tail = "") {
  return std::string(kApi) + "/review/filings/" + std::to_string(id) + tail;
}

void decide(HttpClient& who, long long id, const bj::object& decision) {
  auto detail = who.get(reviewPath(id));
  REQUIRE(detail.status == 200);
  REQUIRE(who.postJson(reviewPath(id, "/decision"), decision, {{"If-Match", etag(detail)}}).status == 200);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void moveClock(std::uint16_t port, const std::string& now) {
  HttpClient dev(port);
  REQUIRE(dev.put("/api/dev/clock", "{\"now\":\"" + now + "\"}").status == 200);
}

}  // namespace

TEST_CASE("notifications: every event of a verified filer's filing, to the filer and the province's authorities",
          "[notifications]") {
  TestHost host;
  auto ca = caSession(host.port(), "notify-ca", kUscc);
  auto trusted = enterpriseSession(host.port(), "notify-trusted", kUscc);
  auto stranger = enterpriseSession(host.port(), "notify-stranger", kUscc);
  REQUIRE(setTrusted(ca, "notify-trusted") == 204);
  auto reviewer = authoritySession(host.port(), "notify-rev", {"reviewer"}, "350000");
  auto rechecker = authoritySession(host.port(), "notify-rck", {"rechecker"}, "350000");
  auto elsewhere = authoritySession(host.port(), "notify-rev-bj", {"reviewer", "rechecker"}, "110000");
  auto supervisor = authoritySession(host.port(), "notify-sup", {"supervisor"}, "");

  const long long id = submittedFiling(ca);
  auto submitted = awaitInbox(ca, 1);
  REQUIRE(submitted.size() == 1);
  CHECK(submitted[0].title == "备案已上报");
  CHECK(submitted[0].link == "/used-car-filing/detail?id=" + std::to_string(id));
  CHECK(awaitInbox(reviewer, 1).at(0).title == "有备案待初审");
  CHECK(awaitInbox(reviewer, 1).at(0).link == "/used-car-filing/review-detail?id=" + std::to_string(id));
  CHECK(inboxTitles(trusted) == std::vector<std::string>{"备案已上报"});
  CHECK(inboxTitles(rechecker).empty());

  // First review rejects with an opinion; the enterprise edits nothing and submits again.
  decide(reviewer, id, {{"decision", "reject"}, {"opinion", "营业执照不清晰"}});
  auto rejected = awaitInbox(ca, 2);
  REQUIRE(rejected.size() == 2);
  CHECK(rejected[0].title == "备案审核不通过");
  CHECK(contains(rejected[0].body, "营业执照不清晰"));
  auto detail = ca.get(path(id));
  REQUIRE(ca.post(path(id, "/submit"), "", {{"If-Match", etag(detail)}}).status == 200);
  CHECK(awaitInbox(reviewer, 2).at(0).title == "有备案待初审");

  decide(reviewer, id, {{"decision", "approve"}});
  CHECK(awaitInbox(ca, 4).at(0).title == "备案已通过初审");
  CHECK(awaitInbox(rechecker, 1).at(0).title == "有备案待复核");
  decide(rechecker, id, {{"decision", "approve"}});
  auto approved = awaitInbox(ca, 5);
  REQUIRE(approved.size() == 5);
  CHECK(approved[0].title == "备案已审核通过");
  const std::string validUntil(ca.get(path(id)).json().at("validUntil").as_string());
  CHECK(contains(approved[0].body, "有效期至 " + validUntil));

  // A 变更, through both reviews.
  auto inForce = ca.get(path(id));
  REQUIRE(ca.postJson(path(id, "/change?mode=save"), bj::object{{"legalRepresentative", "赵六"}},
                      {{"If-Match", etag(inForce)}})
              .status == 200);
  auto change = ca.get(path(id));
  REQUIRE(ca.post(path(id, "/submit"), "", {{"If-Match", etag(change)}}).status == 200);
  decide(reviewer, id, {{"decision", "approve"}});
  decide(rechecker, id, {{"decision", "approve"}});
  CHECK(awaitInbox(ca, 8).at(0).title == "变更已审核通过");

  // Voided by the ministry, with the reason.
  auto beforeRevoke = supervisor.get(reviewPath(id));
  REQUIRE(supervisor
              .postJson(reviewPath(id, "/revoke"), bj::object{{"reason", "提供虚假材料"}},
                        {{"If-Match", etag(beforeRevoke)}})
              .status == 200);
  auto voided = awaitInbox(ca, 9);
  REQUIRE(voided.size() == 9);
  CHECK(voided[0].title == "备案已撤销");
  CHECK(contains(voided[0].body, "提供虚假材料"));

  std::vector<std::string> expected{"备案已撤销", "变更已审核通过", "备案已通过初审",
                                    "备案已上报", "备案已审核通过", "备案已通过初审",
                                    "备案已上报", "备案审核不通过", "备案已上报"};
  CHECK(inboxTitles(ca) == expected);
  CHECK(inboxTitles(trusted) == expected);  // a trusted account is the same filer
  // The stranger who typed the USCC, and the authorities of another province, hear nothing.
  CHECK(inboxTitles(stranger).empty());
  CHECK(inboxTitles(elsewhere).empty());
  CHECK(inboxTitles(supervisor).empty());
  CHECK(inboxTitles(reviewer) == std::vector<std::string>{"有备案待初审", "有备案待初审", "有备案待初审"});
  CHECK(inboxTitles(rechecker) == std::vector<std::string>{"有备案待复核", "有备案待复核"});
}

TEST_CASE("notifications: an unverified account's filing is its own: the enterprise's CA users hear nothing of it",
          "[notifications]") {
  TestHost host;
  auto ca = caSession(host.port(), "own-ca", kUscc);
  auto own = enterpriseSession(host.port(), "own-acct", kUscc);
  auto reviewer = authoritySession(host.port(), "own-rev", {"reviewer"}, "350000");
  submittedFiling(own);
  CHECK(awaitInbox(own, 1).at(0).title == "备案已上报");
  REQUIRE(awaitInbox(reviewer, 1).size() == 1);
  CHECK(inboxTitles(ca).empty());
}

TEST_CASE("notifications: expiry reminders at 90, 30 and 7 days, once each across a restart; then lapsed",
          "[notifications]") {
  TestHost host;  // the plugin's default sweep period (2 s): each reminder must arrive within 10 s
  moveClock(host.port(), "2026-03-01T10:00:00+08:00");
  auto ent = enterpriseSession(host.port(), "remind-ent", kUscc);
  auto reviewer = authoritySession(host.port(), "remind-rev", {"reviewer"}, "350000");
  auto rechecker = authoritySession(host.port(), "remind-rck", {"rechecker"}, "350000");
  const long long id = submittedFiling(ent);
  approve(reviewer, rechecker, id);
  REQUIRE(awaitInbox(ent, 3).size() == 3);  // submitted, first review passed, approved (2027-02-28)

  // 91 days ahead: nothing yet. 90 days ahead (2026-11-30): the first reminder.
  moveClock(host.port(), "2026-11-29T09:00:00+08:00");
  moveClock(host.port(), "2026-11-30T00:00:05+08:00");
  ent = loginSession(host.port(), "remind-ent");
  auto first = awaitInbox(ent, 4, std::chrono::seconds(10));
  REQUIRE(first.size() == 4);
  CHECK(first[0].title == "备案即将到期");
  CHECK(contains(first[0].body, "2027-02-28"));
  CHECK(contains(first[0].body, "还有 90 天"));

  // A restart on the same day sends it no second time.
  host.restart();
  ent = loginSession(host.port(), "remind-ent");
  moveClock(host.port(), "2027-01-29T08:00:00+08:00");  // 30 days ahead
  ent = loginSession(host.port(), "remind-ent");
  CHECK(awaitInbox(ent, 5, std::chrono::seconds(10)).size() == 5);
  moveClock(host.port(), "2027-02-21T08:00:00+08:00");  // 7 days ahead
  ent = loginSession(host.port(), "remind-ent");
  auto seventh = awaitInbox(ent, 6, std::chrono::seconds(10));
  REQUIRE(seventh.size() == 6);
  CHECK(contains(seventh[0].body, "还有 7 天"));
  host.restart();
  moveClock(host.port(), "2027-02-22T08:00:00+08:00");
  ent = loginSession(host.port(), "remind-ent");

  // The day after validUntil it lapses, and says so.
  moveClock(host.port(), "2027-03-01T00:00:01+08:00");
  ent = loginSession(host.port(), "remind-ent");
  auto lapsed = awaitInbox(ent, 7, std::chrono::seconds(10));
  REQUIRE(lapsed.size() == 7);
  CHECK(lapsed[0].title == "备案已失效");
  auto titles = inboxTitles(ent);
  CHECK(std::count(titles.begin(), titles.end(), "备案即将到期") == 3);
}
