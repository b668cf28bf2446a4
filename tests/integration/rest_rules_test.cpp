// The REST contract's refusals and rules (docs/PRODUCT.md §4–§6), each through real HTTP.
#include <catch2/catch.hpp>

#include <thread>

#include <boost/json/serialize.hpp>

#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/test_host.hpp"
#include "tests/unit/domain/file_samples.hpp"

using namespace ucf::test;
namespace bj = boost::json;

namespace {

const std::string kUscc = "91350100M000100Y43";
using Headers = std::vector<std::pair<std::string, std::string>>;

Headers ifMatch(const std::string& tag) { return {{"If-Match", tag}}; }

std::string path(long long id, const std::string& rest = "") {
  return std::string(kApi) + "/filings/" + std::to_string(id) + rest;
}

std::string firstField(const HttpResult& r) {
  auto body = r.json();
  return std::string(body.at("errors").at(0).at("field").as_string());
}

}  // namespace

TEST_CASE("malformed JSON bodies are refused, never silently dropped") {
  TestHost host;
  auto ent = enterpriseSession(host.port(), "strict", kUscc);
  const std::string create = std::string(kApi) + "/filings?mode=draft";

  CHECK(ent.post(create, R"({"enterpriseName":"a","enterpriseName":"b"})").status == 400);
  CHECK(ent.post(create, R"({"contact":{"name":"a","name":"b"}})").status == 400);
  CHECK(ent.post(create, std::string(33, '[') + std::string(33, ']')).status == 400);
  CHECK(ent.post(create, "{\"enterpriseName\":\"\xff\xfe\"}").status == 400);
  CHECK(ent.post(create, R"({"enterpriseName":"a"} trailing)").status == 400);
  CHECK(ent.post(create, "").status == 400);

  auto unknown = ent.post(create, R"({"enterpriseName":"a","status":"APPROVED"})");
  CHECK(unknown.status == 422);
  CHECK(firstField(unknown) == "status");
  auto version = ent.post(create, R"({"version":9})");
  CHECK(version.status == 422);
  auto nested = ent.post(create, R"({"address":{"street":"x"}})");
  CHECK(nested.status == 422);
  CHECK(firstField(nested) == "address.street");
  auto beyondDouble = ent.post(create, R"({"registeredCapital":1e400})");  // infinity: no value to keep
  CHECK(beyondDouble.status == 422);
  CHECK(firstField(beyondDouble) == "registeredCapital");
  auto wrongType = ent.post(create, R"({"employeeCount":"many"})");
  CHECK(wrongType.status == 422);
  CHECK(firstField(wrongType) == "employeeCount");
  auto notMine = ent.post(create, R"({"uscc":"91110000600037341L"})");
  CHECK(notMine.status == 422);
  CHECK(firstField(notMine) == "uscc");
  CHECK(ent.post(create, R"({"uscc":")" + kUscc + "\"}").status == 201);
  CHECK(ent.post(std::string(kApi) + "/filings?mode=bogus", "{}").status == 422);
}

TEST_CASE("roles, sessions and CSRF") {
  TestHost host;
  auto ent = enterpriseSession(host.port(), "roles-ent", kUscc);
  auto reviewer = authoritySession(host.port(), "roles-rev", {"reviewer"}, "350000");
  HttpClient anonymous(host.port());

  CHECK(anonymous.get(std::string(kApi) + "/filings").status == 401);
  CHECK(anonymous.get(std::string(kApi) + "/openapi.json").status == 200);
  CHECK(ent.get(std::string(kApi) + "/review/filings").status == 403);
  CHECK(reviewer.get(std::string(kApi) + "/filings").status == 403);
  CHECK(reviewer.postJson(std::string(kApi) + "/filings", validForm()).status == 403);
  CHECK(reviewer.get(std::string(kApi) + "/qualification").status == 403);
  CHECK(ent.get(std::string(kApi) + "/filings?pageSize=101").status == 422);
  CHECK(reviewer.get(std::string(kApi) + "/review/filings?limit=101").status == 422);
  CHECK(ent.get(std::string(kApi) + "/filings?status=NOPE").status == 422);

  // The host checks the CSRF token before the plugin sees a state-changing request.
  std::string token = ent.csrfToken();
  ent.csrfToken() = "";
  CHECK(ent.postJson(std::string(kApi) + "/filings?mode=draft", bj::object{}).status == 403);
  ent.csrfToken() = "wrong";
  CHECK(ent.postJson(std::string(kApi) + "/filings?mode=draft", bj::object{}).status == 403);
  ent.csrfToken() = token;
  CHECK(ent.get(std::string(kApi) + "/filings").json().at("total") == 0);
}

TEST_CASE("one open 新增 per filer, delete rules, attachment versions") {
  TestHost host;
  auto ent = enterpriseSession(host.port(), "rules-ent", kUscc);
  auto first = ent.postJson(std::string(kApi) + "/filings?mode=draft", bj::object{});
  REQUIRE(first.status == 201);
  const long long id = first.json().at("id").as_int64();
  CHECK(ent.postJson(std::string(kApi) + "/filings?mode=draft", bj::object{}).status == 409);
  // Another account that merely typed the same USCC is a filer of its own (docs/PRODUCT.md §2.1): it neither
  // sees nor is blocked by this one (principals_test.cpp has the rest).
  auto stranger = enterpriseSession(host.port(), "rules-stranger", kUscc);
  CHECK(stranger.get(path(id)).status == 404);
  CHECK(stranger.postJson(std::string(kApi) + "/filings?mode=draft", bj::object{}).status == 201);

  // Uploads and removals bump the version and return the new ETag; no If-Match needed.
  auto up = upload(ent, id, "license_copy", "copy.png", makePng());
  REQUIRE(up.status == 201);
  CHECK(up.header("etag") == "\"2\"");
  auto removed = ent.del(path(id, "/attachments/license_copy"));
  CHECK(removed.status == 204);
  CHECK(removed.header("etag") == "\"3\"");
  CHECK(ent.del(path(id, "/attachments/license_copy")).status == 404);

  CHECK(ent.del(path(id)).status == 428);
  CHECK(ent.del(path(id), ifMatch("\"2\"")).status == 412);
  CHECK(ent.del(path(id), ifMatch("\"3\"")).status == 204);
  CHECK(ent.get(path(id)).status == 404);
  CHECK(ent.get(std::string(kApi) + "/filings").json().at("total") == 0);
  CHECK(ent.postJson(std::string(kApi) + "/filings?mode=draft", bj::object{}).status == 201);
}

TEST_CASE("two reviewers deciding at once: one wins, the other gets 409 or 412", "[concurrency]") {
  TestHost host;
  auto ent = enterpriseSession(host.port(), "race-ent", kUscc);
  auto r1 = authoritySession(host.port(), "race-r1", {"reviewer"}, "350000");
  auto r2 = authoritySession(host.port(), "race-r2", {"reviewer"}, "350000");
  const long long id = submittedFiling(ent);
  auto detail = r1.get(std::string(kApi) + "/review/filings/" + std::to_string(id));
  const std::string tag = etag(detail);
  HttpResult a, b;
  std::thread t1([&] {
    a = r1.postJson(std::string(kApi) + "/review/filings/" + std::to_string(id) + "/decision",
                    bj::object{{"decision", "approve"}}, ifMatch(tag));
  });
  std::thread t2([&] {
    b = r2.postJson(std::string(kApi) + "/review/filings/" + std::to_string(id) + "/decision",
                    bj::object{{"decision", "reject"}, {"opinion", "材料不全"}}, ifMatch(tag));
  });
  t1.join();
  t2.join();
  CHECK(((a.status == 200) != (b.status == 200)));
  int loser = a.status == 200 ? b.status : a.status;
  CHECK((loser == 409 || loser == 412));
  auto history = ent.get(path(id, "/history"));
  int decisions = 0;
  auto events = history.json();
  for (const auto& e : events.at("events").as_array()) {
    if (e.at("action").as_string().starts_with("review_")) ++decisions;
  }
  CHECK(decisions == 1);
}

TEST_CASE("reviewer list: scope, filters and keyset pages") {
  TestHost host;
  auto reviewer = authoritySession(host.port(), "page-rev", {"reviewer"}, "350000");
  auto supervisor = authoritySession(host.port(), "page-sup", {"supervisor"}, "");
  const std::vector<std::string> usccs{"91350100M000100Y43", "91110000600037341L", "91350100MA2XXXXX0Y"};
  std::vector<long long> ids;
  int n = 0;
  for (const auto& uscc : {std::string("91350100M000100Y43"), std::string("91110000600037341L")}) {
    auto ent = enterpriseSession(host.port(), "page-ent-" + std::to_string(n++), uscc);
    ids.push_back(submittedFiling(ent));
  }
  // Three more filings in Fujian from one enterprise is impossible (one open 新增), so page with limit=1.
  auto page1 = reviewer.get(std::string(kApi) + "/review/filings?limit=1");
  REQUIRE(page1.status == 200);
  auto body1 = page1.json();
  REQUIRE(body1.at("items").as_array().size() == 1);
  REQUIRE(body1.at("nextCursor").is_string());
  auto page2 = reviewer.get(std::string(kApi) +
                            "/review/filings?limit=1&cursor=" + std::string(body1.at("nextCursor").as_string()));
  auto body2 = page2.json();
  CHECK(body2.at("items").as_array().size() == 1);
  CHECK(body2.at("nextCursor").is_null());
  CHECK(body1.at("items").at(0).at("id") != body2.at("items").at(0).at("id"));
  // Both are in Fujian (the address decides the province, not the USCC).
  CHECK(supervisor.get(std::string(kApi) + "/review/filings").json().at("items").as_array().size() == 2);
  auto byName = reviewer.get(std::string(kApi) + "/review/filings?q=%E7%A6%8F%E5%BB%BA");  // 福建
  CHECK(byName.json().at("items").as_array().size() == 2);
  auto none = reviewer.get(std::string(kApi) + "/review/filings?q=nomatch");
  CHECK(none.json().at("items").as_array().empty());
  auto outOfScope = reviewer.get(std::string(kApi) + "/review/filings?provinceCode=110000");
  CHECK(outOfScope.json().at("items").as_array().empty());
}

TEST_CASE("validity, lapse by the host clock, supersession and the next 新增 from an approved one") {
  TestHost host;
  auto ent = enterpriseSession(host.port(), "life-ent", kUscc);
  auto reviewer = authoritySession(host.port(), "life-rev", {"reviewer"}, "350000");
  auto rechecker = authoritySession(host.port(), "life-rec", {"rechecker"}, "350000");
  HttpClient dev(host.port());
  REQUIRE(dev.put("/api/dev/clock", R"({"now":"2026-03-01T10:00:00+08:00"})").status == 200);

  const long long first = submittedFiling(ent);
  approve(reviewer, rechecker, first);
  auto approved = ent.get(path(first));
  CHECK(approved.json().at("validUntil") == "2027-02-28");
  CHECK(approved.json().at("daysToExpiry") == 364);
  CHECK(ent.get(std::string(kApi) + "/filings?expiringWithin=30").json().at("total") == 0);

  // An open change on it; then the clock passes validUntil: the filing lapses, the change is void.
  auto change = ent.postJson(path(first, "/change?mode=draft"), bj::object{{"legalRepresentative", "赵六"}},
                             ifMatch(etag(approved)));
  REQUIRE(change.status == 200);
  REQUIRE(dev.put("/api/dev/clock", R"({"now":"2027-02-28T23:00:00+08:00"})").status == 200);
  ent = loginSession(host.port(), "life-ent");  // a year later every session has expired
  auto lastDay = ent.get(std::string(kApi) + "/filings?expiringWithin=30");
  CHECK(lastDay.json().at("total") == 1);
  CHECK(lastDay.json().at("items").at(0).at("daysToExpiry") == 0);
  REQUIRE(dev.put("/api/dev/clock", R"({"now":"2027-03-01T00:30:00+08:00"})").status == 200);
  ent = loginSession(host.port(), "life-ent");  // idle for more than 30 minutes
  reviewer = loginSession(host.port(), "life-rev");
  rechecker = loginSession(host.port(), "life-rec");
  auto lapsed = ent.get(path(first));
  CHECK(lapsed.json().at("status") == "LAPSED");
  CHECK(lapsed.json().at("actions") == bj::array{"detail"});
  auto list = ent.get(std::string(kApi) + "/filings?status=LAPSED");
  CHECK(list.json().at("total") == 1);
  CHECK(ent.get(std::string(kApi) + "/qualification").json().at("qualified") == false);
  auto history = ent.get(path(first, "/history"));
  std::vector<std::string> actions;
  auto events = history.json();
  for (const auto& e : events.at("events").as_array()) actions.emplace_back(e.at("action").as_string());
  CHECK(std::find(actions.begin(), actions.end(), "change_void") != actions.end());
  CHECK(std::find(actions.begin(), actions.end(), "lapse") != actions.end());

  // The next 新增 starts from the approved data with its attachments, and supersedes nothing
  // lapsed; when approved it is the one in force.
  auto next = ent.post(std::string(kApi) + "/filings?mode=save&from=" + std::to_string(first), "");
  REQUIRE(next.status == 201);
  CHECK(next.json().at("legalRepresentative") == "李四");
  CHECK(next.json().at("attachments").as_array().size() == 10);
  const long long second = next.json().at("id").as_int64();
  auto submitted = ent.post(path(second, "/submit"), "", ifMatch(etag(next)));
  REQUIRE(submitted.status == 200);
  approve(reviewer, rechecker, second);
  auto q = ent.get(std::string(kApi) + "/qualification").json();
  CHECK(q.at("qualified") == true);
  CHECK(q.at("filingId") == second);
  CHECK(q.at("validUntil") == "2028-02-29");

  // A third 新增 approved while the second is in force makes the second LAPSED (superseded).
  auto third = ent.post(std::string(kApi) + "/filings?mode=save&from=" + std::to_string(second), "");
  REQUIRE(third.status == 201);
  const long long thirdId = third.json().at("id").as_int64();
  REQUIRE(ent.post(path(thirdId, "/submit"), "", ifMatch(etag(third))).status == 200);
  approve(reviewer, rechecker, thirdId);
  CHECK(ent.get(path(second)).json().at("status") == "LAPSED");
  CHECK(ent.get(path(thirdId)).json().at("status") == "APPROVED");
  CHECK(ent.get(std::string(kApi) + "/qualification").json().at("filingId") == thirdId);
}
