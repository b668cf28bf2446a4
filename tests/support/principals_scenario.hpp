#pragma once
// Who acts for an enterprise (docs/PRODUCT.md §2.1), through HTTP, shared by the SQLite (integration) and
// PostgreSQL tests: an enterprise's CA user, a stranger who registered with its USCC, trust given
// and withdrawn, and what reviewers see of the two filers. Header-only.

#include <catch2/catch.hpp>

#include <string>

#include <boost/json.hpp>

#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/unit/domain/file_samples.hpp"

namespace ucf::test::principals {

inline constexpr const char* kUscc = "91350100M000100Y43";  // Fujian, as validForm()

inline std::string filing(long long id, const std::string& tail = "") {
  return std::string(kApi) + "/filings/" + std::to_string(id) + tail;
}

inline std::vector<std::string> words(const boost::json::value& array) {
  std::vector<std::string> out;
  for (const auto& v : array.as_array()) out.emplace_back(v.as_string());
  return out;
}

inline boost::json::value sessionPrincipal(HttpClient& client) {
  return client.get("/api/session").json().at("principal");
}

/// The enterprise (a CA user) and a stranger with its USCC: each its own filer; the stranger sees
/// nothing of the enterprise's, the enterprise reads and deletes the stranger's and nothing more.
inline void checkStrangerAndEnterprise(std::uint16_t port) {
  auto ca = caSession(port, "ca-boss", kUscc);
  auto stranger = enterpriseSession(port, "stranger01", kUscc);
  CHECK(sessionPrincipal(ca).at("verified") == true);
  CHECK(sessionPrincipal(stranger).at("verified") == false);

  // One open 新增 per filer: neither blocks the other.
  auto ours = ca.postJson(std::string(kApi) + "/filings?mode=save", validForm());
  REQUIRE(ours.status == 201);
  auto theirs = stranger.postJson(std::string(kApi) + "/filings?mode=draft", boost::json::object{});
  REQUIRE(theirs.status == 201);
  const long long a = ours.json().at("id").as_int64();
  const long long s = theirs.json().at("id").as_int64();
  CHECK(ca.postJson(std::string(kApi) + "/filings?mode=draft", boost::json::object{}).status == 409);
  CHECK(stranger.postJson(std::string(kApi) + "/filings?mode=draft", boost::json::object{}).status == 409);
  CHECK(ours.json().at("createdBy").at("account") == "ca-boss");

  // The stranger: the enterprise's filing is a missing one, by every answer.
  const auto missing = stranger.get(filing(987654));
  CHECK(stranger.get(filing(a)).body == missing.body);
  CHECK(stranger.get(filing(a, "/history")).status == 404);
  CHECK(stranger.del(filing(a), {{"If-Match", "\"1\""}}).body ==
        stranger.del(filing(987654), {{"If-Match", "\"1\""}}).body);
  auto list = stranger.get(std::string(kApi) + "/filings").json();
  CHECK(list.at("total") == 1);
  CHECK(list.at("items").at(0).at("id") == s);
  CHECK(stranger.get(std::string(kApi) + "/filings?status=PENDING_SUBMIT").json().at("total") == 1);

  // The enterprise: every filing of its USCC listed; the stranger's read and deleted only.
  CHECK(ca.get(std::string(kApi) + "/filings").json().at("total") == 2);
  auto detail = ca.get(filing(s));
  REQUIRE(detail.status == 200);
  CHECK(detail.json().at("createdBy").at("account") == "stranger01");
  CHECK(words(detail.json().at("actions")) == std::vector<std::string>{"delete", "detail"});
  CHECK(words(ca.get(filing(a)).json().at("actions")) ==
        std::vector<std::string>{"edit", "delete", "submit", "detail"});
  const std::vector<std::pair<std::string, std::string>> version{{"If-Match", etag(detail)}};
  CHECK(ca.put(filing(s, "?mode=draft"), R"({"businessScope":"x"})", version).status == 409);
  CHECK(ca.post(filing(s, "/submit"), "", version).status == 409);
  CHECK(upload(ca, s, "license_copy", "copy.png", makePng()).status == 409);
  CHECK(ca.get(filing(s)).body == detail.body);  // nothing of it changed
  CHECK(ca.del(filing(s), version).status == 204);
  CHECK(stranger.get(filing(s)).status == 404);
  CHECK(stranger.postJson(std::string(kApi) + "/filings?mode=draft", boost::json::object{}).status == 201);
}

/// Trust (企业账号授权): only CA users manage it; a trusted account acts for the enterprise at its
/// next request, and loses it again when trust is withdrawn. Filers stay as they were.
inline void checkTrust(std::uint16_t port) {
  auto ca = caSession(port, "ca-trust", kUscc);
  auto clerk = enterpriseSession(port, "clerk01", kUscc);
  auto elsewhere = enterpriseSession(port, "bj-clerk", "91110000600037341L", "北京另一家企业有限公司");
  auto reviewer = authoritySession(port, "trust-rev", {"reviewer"}, "350000");

  const long long ours =
      ca.postJson(std::string(kApi) + "/filings?mode=draft", boost::json::object{}).json().at("id").as_int64();
  const long long clerks =
      clerk.postJson(std::string(kApi) + "/filings?mode=draft", boost::json::object{}).json().at("id").as_int64();

  auto accounts = ca.get("/api/enterprise/accounts");
  REQUIRE(accounts.status == 200);
  const auto listed = accounts.json();
  const auto& items = listed.at("items").as_array();
  REQUIRE(items.size() == 1);  // the other USCC's account is not listed
  CHECK(items[0].at("account") == "clerk01");
  CHECK(items[0].at("displayName") == "张三");
  CHECK(items[0].at("trusted") == false);
  CHECK(items[0].at("registeredAt").as_string().size() >= 20);

  // Only CA users; the CSRF token is needed; other enterprises' and unknown accounts are 404.
  CHECK(clerk.get("/api/enterprise/accounts").status == 403);
  CHECK(setTrusted(clerk, "clerk01") == 403);
  CHECK(reviewer.get("/api/enterprise/accounts").status == 403);
  HttpClient anonymous(port);
  CHECK(anonymous.get("/api/enterprise/accounts").status == 401);
  HttpClient noToken = ca;
  noToken.csrfToken().clear();
  CHECK(setTrusted(noToken, "clerk01") == 403);
  CHECK(setTrusted(ca, "bj-clerk") == 404);
  CHECK(setTrusted(ca, "nobody") == 404);
  CHECK(setTrusted(ca, "ca-trust") == 404);  // a CA account is not a registered one
  CHECK(clerk.get(filing(ours)).status == 404);

  REQUIRE(setTrusted(ca, "clerk01") == 204);
  CHECK(sessionPrincipal(clerk).at("verified") == true);
  CHECK(ca.get("/api/enterprise/accounts").json().at("items").at(0).at("trusted") == true);
  auto theirs = clerk.get(filing(ours));
  REQUIRE(theirs.status == 200);
  CHECK(words(theirs.json().at("actions")).front() == "edit");
  CHECK(clerk.put(filing(ours, "?mode=draft"), R"({"businessScope":"二手车出口"})", {{"If-Match", etag(theirs)}})
            .status == 200);
  CHECK(clerk.get(std::string(kApi) + "/filings").json().at("total") == 2);
  // Now one filer with the CA user: the enterprise's open 新增 blocks a second.
  CHECK(clerk.postJson(std::string(kApi) + "/filings?mode=draft", boost::json::object{}).status == 409);
  // Its own earlier filing stays its own (created unverified): the CA user still may not edit it.
  auto own = ca.get(filing(clerks));
  CHECK(ca.put(filing(clerks, "?mode=draft"), R"({"businessScope":"x"})", {{"If-Match", etag(own)}}).status == 409);
  CHECK(setTrusted(ca, "clerk01") == 204);  // trusting again changes nothing

  REQUIRE(setTrusted(ca, "clerk01", false) == 204);
  CHECK(sessionPrincipal(clerk).at("verified") == false);
  CHECK(clerk.get(filing(ours)).status == 404);
  CHECK(clerk.get(filing(clerks)).status == 200);
  CHECK(clerk.get(std::string(kApi) + "/filings").json().at("total") == 1);
  CHECK(ca.get("/api/enterprise/accounts").json().at("items").at(0).at("trusted") == false);
}

/// Reviewers see both filers' 新增 of one USCC and the conflict (`otherOpenNew`); approving one
/// still lapses the other approved one; `/qualification` names only what the caller may see.
inline void checkReviewersSeeBothFilers(std::uint16_t port) {
  auto ca = caSession(port, "ca-review", kUscc);
  auto stranger = enterpriseSession(port, "stranger02", kUscc);
  auto reviewer = authoritySession(port, "fj-rev", {"reviewer"}, "350000");
  auto rechecker = authoritySession(port, "fj-chk", {"rechecker"}, "350000");

  const long long ours = submittedFiling(ca);
  const long long theirs = submittedFiling(stranger);
  auto list = reviewer.get(std::string(kApi) + "/review/filings").json();
  REQUIRE(list.at("items").as_array().size() == 2);
  for (const auto& item : list.at("items").as_array()) CHECK(item.at("otherOpenNew") == 1);
  auto detail = reviewer.get(std::string(kApi) + "/review/filings/" + std::to_string(ours)).json();
  CHECK(detail.at("otherOpenNew") == 1);
  CHECK(detail.at("createdBy").at("account") == "ca-review");
  CHECK(detail.at("createdBy").at("displayName") == "ca-review");
  CHECK(!detail.at("createdBy").at("userId").as_string().empty());
  // Enterprises never see the count.
  CHECK_FALSE(ca.get(filing(ours)).json().as_object().contains("otherOpenNew"));
  CHECK_FALSE(ca.get(std::string(kApi) + "/filings").json().at("items").at(0).as_object().contains("otherOpenNew"));

  approve(reviewer, rechecker, theirs);
  CHECK(reviewer.get(std::string(kApi) + "/review/filings/" + std::to_string(ours)).json().at("otherOpenNew") == 0);
  auto q = stranger.get(std::string(kApi) + "/qualification").json();
  CHECK(q.at("qualified") == true);
  CHECK(q.at("filingId") == theirs);
  CHECK(ca.get(std::string(kApi) + "/qualification").json().at("filingId") == theirs);

  approve(reviewer, rechecker, ours);  // lapses the stranger's, whoever filed it
  CHECK(stranger.get(filing(theirs)).json().at("status") == "LAPSED");
  q = stranger.get(std::string(kApi) + "/qualification").json();
  CHECK(q.at("qualified") == true);
  CHECK(q.at("filingId").is_null());
  CHECK(ca.get(std::string(kApi) + "/qualification").json().at("filingId") == ours);
}

}  // namespace ucf::test::principals
