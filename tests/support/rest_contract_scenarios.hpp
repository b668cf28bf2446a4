#pragma once

// Rules of the REST contract checked through real HTTP, shared by the SQLite tests
// (tests/integration/rest_contract_test.cpp) and the PostgreSQL ones (tests/postgresql/), so
// that both engines answer alike: submit names everything missing at once (docs/PRODUCT.md
// "Save modes"), a row's type is its latest application's ("Statuses"), and enterprises get
// 403 on every /review route ("REST contract").

#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/test_host.hpp"

namespace ucf::test::contract {

inline std::string filingPath(long long id, const std::string& rest = "") {
  return std::string(kApi) + "/filings/" + std::to_string(id) + rest;
}

inline std::set<std::string> errorFields(const HttpResult& r) {
  std::set<std::string> fields;
  const auto body = r.json();
  for (const auto& e : body.at("errors").as_array()) fields.emplace(e.at("field").as_string());
  return fields;
}

/// A draft with only `enterpriseName`, submitted: one 422 naming every other required field
/// (from meta/form) and every slot some category requires as `attachments.<slot>`; nothing changes.
inline void checkSubmitNamesEverythingMissing(TestHost& host, const std::string& uscc) {
  auto ent = enterpriseSession(host.port(), "missing-all", uscc);
  auto created = ent.postJson(std::string(kApi) + "/filings?mode=draft",
                              boost::json::object{{"enterpriseName", "福建只填名称二手车有限公司"}});
  REQUIRE(created.status == 201);
  const long long id = created.json().at("id").as_int64();

  auto submitted = ent.post(filingPath(id, "/submit"), "", {{"If-Match", etag(created)}});
  REQUIRE(submitted.status == 422);
  CHECK(submitted.header("content-type").starts_with("application/problem+json"));
  const auto fields = errorFields(submitted);

  auto meta = ent.get(std::string(kApi) + "/meta/form").json();
  int requiredFields = 0;
  for (const auto& section : meta.at("sections").as_array()) {
    for (const auto& field : section.at("fields").as_array()) {
      const std::string name(field.at("name").as_string());
      if (!field.at("required").as_bool() || name == "enterpriseName" || name == "uscc") continue;
      INFO("field " << name);
      CHECK(fields.contains(name));
      ++requiredFields;
    }
  }
  CHECK(requiredFields >= 15);
  int slots = 0;
  for (const auto& slot : meta.at("slots").as_array()) {
    if (slot.at("requiredFor").as_array().empty()) continue;
    const std::string name = "attachments." + std::string(slot.at("slot").as_string());
    INFO("slot " << name);
    CHECK(fields.contains(name));
    ++slots;
  }
  CHECK(slots == 14);
  CHECK_FALSE(fields.contains("enterpriseName"));

  auto after = ent.get(filingPath(id));
  CHECK(after.json().at("status") == "PENDING_SUBMIT");
  CHECK(etag(after) == etag(created));
}

namespace detail {

// The row of filing `id` in the enterprise's list: "applicationType/status".
inline std::string rowOf(HttpClient& enterprise, long long id) {
  auto list = enterprise.get(std::string(kApi) + "/filings?pageSize=100").json();
  for (const auto& item : list.at("items").as_array()) {
    if (item.at("id").as_int64() == id)
      return std::string(item.at("applicationType").as_string()) + "/" + std::string(item.at("status").as_string());
  }
  return "not listed";
}

// An approved filing of `ent` with an open 变更 (draft); returns its id.
inline long long approvedWithOpenChange(HttpClient& ent, HttpClient& reviewer, HttpClient& rechecker) {
  const long long id = submittedFiling(ent);
  approve(reviewer, rechecker, id);
  auto approved = ent.get(filingPath(id));
  auto change = ent.postJson(filingPath(id, "/change?mode=draft"), boost::json::object{{"legalRepresentative", "赵六"}},
                             {{"If-Match", etag(approved)}});
  REQUIRE(change.status == 200);
  return id;
}

}  // namespace detail

/// A filing voided (撤销) with its 变更 open, and one lapsed with its 变更 open: each row reads
/// type CHANGE, status VOID / LAPSED, in the enterprise's list, the authorities' list and the detail.
inline void checkRowTypeIsLatestApplication(TestHost& host) {
  HttpClient dev(host.port());
  REQUIRE(dev.put("/api/dev/clock", R"({"now":"2026-03-01T10:00:00+08:00"})").status == 200);
  auto voided = enterpriseSession(host.port(), "row-void", "91350100M000100Y43");
  auto lapsing = enterpriseSession(host.port(), "row-lapse", "91110000600037341L", "另一家二手车出口有限公司");
  auto reviewer = authoritySession(host.port(), "row-rev", {"reviewer"}, "350000");
  auto rechecker = authoritySession(host.port(), "row-rec", {"rechecker"}, "350000");
  auto supervisor = authoritySession(host.port(), "row-sup", {"supervisor"}, "");

  const long long v = detail::approvedWithOpenChange(voided, reviewer, rechecker);
  const long long l = detail::approvedWithOpenChange(lapsing, reviewer, rechecker);
  CHECK(detail::rowOf(voided, v) == "CHANGE/PENDING_SUBMIT");

  auto inForce = supervisor.get(std::string(kApi) + "/review/filings/" + std::to_string(v));
  auto revoked = supervisor.postJson(std::string(kApi) + "/review/filings/" + std::to_string(v) + "/revoke",
                                     boost::json::object{{"reason", "违规经营"}}, {{"If-Match", etag(inForce)}});
  REQUIRE(revoked.status == 200);
  CHECK(revoked.json().at("applicationType") == "CHANGE");
  CHECK(detail::rowOf(voided, v) == "CHANGE/VOID");
  CHECK(voided.get(filingPath(v)).json().at("applicationType") == "CHANGE");

  // A year later the other filing lapses with its change still open (sessions expired meanwhile).
  REQUIRE(dev.put("/api/dev/clock", R"({"now":"2027-03-01T09:00:00+08:00"})").status == 200);
  lapsing = loginSession(host.port(), "row-lapse");
  supervisor = loginSession(host.port(), "row-sup");
  CHECK(detail::rowOf(lapsing, l) == "CHANGE/LAPSED");
  auto detailAfter = lapsing.get(filingPath(l)).json();
  CHECK(detailAfter.at("applicationType") == "CHANGE");
  CHECK(detailAfter.at("status") == "LAPSED");
  auto review = supervisor.get(std::string(kApi) + "/review/filings?status=LAPSED").json();
  bool listed = false;
  for (const auto& item : review.at("items").as_array()) {
    if (item.at("id").as_int64() != l) continue;
    listed = true;
    CHECK(item.at("applicationType") == "CHANGE");
  }
  CHECK(listed);
}

/// An enterprise gets 403 on every /review route of the route table, on its own submitted filing
/// and on a missing id alike, whatever the body; its filing is unchanged afterwards.
inline void checkEnterprisesForbiddenOnReview(TestHost& host, const std::string& uscc) {
  auto ent = enterpriseSession(host.port(), "review-intruder", uscc);
  const long long id = submittedFiling(ent);
  auto before = ent.get(filingPath(id));
  int covered = 0;
  for (const auto& route : host.host().routes().entries()) {
    if (route.owner != "used-car-filing" || !route.spec.pattern.starts_with(std::string(kApi) + "/review/")) continue;
    for (const std::string& target : {std::to_string(id), std::string("987654"), std::string("not-a-number")}) {
      std::string path = route.spec.pattern;
      if (auto at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, target);
      INFO(route.spec.method << " " << path);
      std::string body = route.spec.method == "GET" ? "" : R"({"decision":"approve","opinion":"ok"})";
      if (path.ends_with("/revoke")) body = R"({"reason":"x"})";
      auto r = ent.send(route.spec.method, path, body, {{"If-Match", etag(before)}}, "application/json");
      CHECK(r.status == 403);
      CHECK(r.header("content-type").starts_with("application/problem+json"));
      // A body the route would refuse does not change the answer: the role is checked first.
      if (route.spec.method != "GET") {
        CHECK(ent.send(route.spec.method, path, "{", {{"If-Match", etag(before)}}, "application/json").status == 403);
      }
    }
    ++covered;
  }
  CHECK(covered == 7);  // list, CSV, detail, history verify, decision, revoke, stats
  auto after = ent.get(filingPath(id));
  CHECK(after.body == before.body);
}

}  // namespace ucf::test::contract
