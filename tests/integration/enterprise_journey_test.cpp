// The whole enterprise and reviewer journey of docs/PRODUCT.md §4–§6 through real HTTP on a real host.
#include <catch2/catch.hpp>

#include <set>

#include <boost/json/serialize.hpp>

#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/test_host.hpp"
#include "tests/unit/domain/file_samples.hpp"

using namespace ucf::test;
namespace bj = boost::json;

namespace {

const std::string kUscc = "91350100M000100Y43";

std::string filingPath(long long id, const std::string& rest = "") {
  return std::string(kApi) + "/filings/" + std::to_string(id) + rest;
}

std::vector<std::pair<std::string, std::string>> ifMatch(const std::string& tag) { return {{"If-Match", tag}}; }

std::set<std::string> fieldsOf(const HttpResult& r) {
  std::set<std::string> out;
  const auto body = r.json();
  for (const auto& e : body.at("errors").as_array()) out.insert(std::string(e.at("field").as_string()));
  return out;
}

}  // namespace

TEST_CASE("an enterprise files, a reviewer and a rechecker approve, the enterprise changes it") {
  TestHost host;
  auto ent = enterpriseSession(host.port(), "fj-exporter", kUscc);
  auto reviewer = authoritySession(host.port(), "fj-reviewer", {"reviewer"}, "350000");
  auto rechecker = authoritySession(host.port(), "fj-rechecker", {"rechecker"}, "350000");
  auto supervisor = authoritySession(host.port(), "mofcom", {"supervisor"}, "");

  // 暂存 with part of the form.
  auto draft = ent.postJson(std::string(kApi) + "/filings?mode=draft", bj::object{{"enterpriseName", "福建测试"}});
  REQUIRE(draft.status == 201);
  const long long id = draft.json().at("id").as_int64();
  CHECK(draft.header("location") == filingPath(id));
  CHECK(draft.header("etag") == "\"1\"");
  CHECK(draft.json().at("status") == "PENDING_SUBMIT");
  CHECK(draft.json().at("complete") == false);
  CHECK(draft.json().at("uscc") == kUscc.c_str());

  // 保存信息 needs every field.
  auto incomplete = ent.put(filingPath(id, "?mode=save"), R"({"customsCode":"3501234567"})", ifMatch("\"1\""));
  CHECK(incomplete.status == 422);
  CHECK(fieldsOf(incomplete).count("contact.mobile") == 1);
  CHECK(fieldsOf(incomplete).count("address.provinceCode") == 1);

  // Edits need the version they read.
  auto form = bj::serialize(validForm());
  CHECK(ent.put(filingPath(id, "?mode=save"), form).status == 428);
  CHECK(ent.put(filingPath(id, "?mode=save"), form, ifMatch("\"99\"")).status == 412);
  auto saved = ent.put(filingPath(id, "?mode=save"), form, ifMatch("\"1\""));
  REQUIRE(saved.status == 200);
  CHECK(saved.json().at("complete") == false);  // materials still missing
  CHECK(saved.json().at("contact").at("mobile") == "13912345678");

  // Submitting without materials lists every missing slot.
  auto early = ent.post(filingPath(id, "/submit"), "", ifMatch(etag(saved)));
  REQUIRE(early.status == 422);
  CHECK(fieldsOf(early).count("attachments.vehicle_announcement_proof") == 1);
  CHECK(fieldsOf(early).count("attachments.premises_proof") == 0);  // a 流通企业 slot

  // Files: wrong kind 415, too large 413, unknown slot 404, another category's slot 422.
  CHECK(upload(ent, id, "license_original", "seal.png", makePdf()).status == 415);
  CHECK(upload(ent, id, "license_original", "big.png", makePng(2, 2, std::string(310'000, 'x'))).status == 413);
  CHECK(upload(ent, id, "no_such_slot", "a.png", makePng()).status == 404);
  CHECK(upload(ent, id, "premises_proof", "a.pdf", makePdf()).status == 422);
  auto tooBig = upload(ent, id, "license_copy", "big.png", makePng(2, 2, std::string(310'000, 'x')));
  CHECK(tooBig.json().at("slot") == "license_copy");
  CHECK(tooBig.json().at("maxBytes") == 307200);

  uploadAllMaterials(ent, id);
  auto png = makePng(4, 4);
  auto stored = upload(ent, id, "license_original", "../../scans/营业执照.png", png);
  REQUIRE(stored.status == 201);
  CHECK(stored.json().at("fileName") == "营业执照.png");
  CHECK(stored.json().at("contentType") == "image/png");
  CHECK(stored.json().at("size") == static_cast<std::int64_t>(png.size()));
  auto download = ent.get(filingPath(id, "/attachments/license_original"));
  CHECK(download.status == 200);
  CHECK(download.body == png);
  CHECK(download.header("content-type") == "image/png");
  CHECK(download.header("x-content-type-options") == "nosniff");
  CHECK(download.header("content-disposition").find("filename*=UTF-8''%E8%90%A5") != std::string::npos);

  // 上报.
  auto detail = ent.get(filingPath(id));
  CHECK(detail.json().at("complete") == true);
  CHECK(detail.json().at("attachments").as_array().size() == 10);
  auto submitted = ent.post(filingPath(id, "/submit"), "", ifMatch(etag(detail)));
  REQUIRE(submitted.status == 200);
  CHECK(submitted.json().at("status") == "PENDING_REVIEW");
  CHECK(submitted.json().at("reviewStage") == "FIRST_REVIEW");
  CHECK(submitted.json().at("actions") == bj::array{"detail"});
  CHECK(ent.put(filingPath(id), form, ifMatch(etag(submitted))).status == 409);

  // The reviewer sees it; a rechecker may not act on the first review.
  auto queue = reviewer.get(std::string(kApi) + "/review/filings?status=PENDING_REVIEW&stage=FIRST_REVIEW");
  REQUIRE(queue.status == 200);
  REQUIRE(queue.json().at("items").as_array().size() == 1);
  auto early2 = rechecker.postJson(std::string(kApi) + "/review/filings/" + std::to_string(id) + "/decision",
                                   bj::object{{"decision", "approve"}}, ifMatch(etag(submitted)));
  CHECK(early2.status == 403);
  auto noOpinion = reviewer.postJson(std::string(kApi) + "/review/filings/" + std::to_string(id) + "/decision",
                                     bj::object{{"decision", "reject"}}, ifMatch(etag(submitted)));
  CHECK(noOpinion.status == 422);

  approve(reviewer, rechecker, id);
  auto approved = ent.get(filingPath(id));
  CHECK(approved.json().at("status") == "APPROVED");
  CHECK(approved.json().at("approvedAt").is_string());
  CHECK(approved.json().at("validUntil").is_string());
  CHECK(approved.json().at("actions") == bj::array{"detail", "change"});
  CHECK(approved.json().at("reviews").as_array().size() == 2);
  const std::string validUntil(approved.json().at("validUntil").as_string());

  auto list = ent.get(std::string(kApi) + "/filings");
  REQUIRE(list.status == 200);
  CHECK(list.json().at("total") == 1);
  CHECK(list.json().at("items").at(0).at("status") == "APPROVED");
  CHECK(list.json().at("items").at(0).at("daysToExpiry").as_int64() >= 364);

  auto qualified = ent.get(std::string(kApi) + "/qualification");
  CHECK(qualified.json().at("qualified") == true);
  CHECK(qualified.json().at("filingId") == id);

  // 变更: a new name and a new seal; the approved data stays in force meanwhile.
  auto change = ent.postJson(filingPath(id, "/change?mode=save"), bj::object{{"enterpriseName", "福建新名称二手车有限公司"}},
                             ifMatch(etag(approved)));
  REQUIRE(change.status == 200);
  CHECK(change.json().at("applicationType") == "CHANGE");
  CHECK(change.json().at("status") == "PENDING_SUBMIT");
  CHECK(change.json().at("approved").at("enterpriseName") == "福建测试二手车出口有限公司");
  CHECK(ent.postJson(filingPath(id, "/change?mode=save"), bj::object{}, ifMatch(etag(change))).status == 409);
  CHECK(ent.postJson(filingPath(id, "/change"), bj::object{{"uscc", "91110000600037341L"}},
                     ifMatch(etag(change)))
            .status != 200);
  REQUIRE(upload(ent, id, "official_seal", "seal2.png", makePng(6, 6)).status == 201);
  auto diff = ent.get(filingPath(id, "/diff"));
  REQUIRE(diff.status == 200);
  std::set<std::string> changed;
  const auto diffBody = diff.json();
  for (const auto& c : diffBody.at("changes").as_array()) changed.insert(std::string(c.at("field").as_string()));
  CHECK(changed == std::set<std::string>{"enterpriseName", "attachments.official_seal"});
  CHECK(qualified.json().at("qualified") == true);

  auto beforeSubmit = ent.get(filingPath(id));
  REQUIRE(ent.post(filingPath(id, "/submit"), "", ifMatch(etag(beforeSubmit))).status == 200);
  approve(reviewer, rechecker, id);
  auto changed2 = ent.get(filingPath(id));
  CHECK(changed2.json().at("status") == "APPROVED");
  CHECK(changed2.json().at("applicationType") == "CHANGE");
  CHECK(changed2.json().at("enterpriseName") == "福建新名称二手车有限公司");
  CHECK(changed2.json().at("validUntil") == validUntil.c_str());

  // History: every step, chained; the supervisor verifies it.
  auto history = ent.get(filingPath(id, "/history"));
  REQUIRE(history.status == 200);
  const auto historyBody = history.json();
  const auto& events = historyBody.at("events").as_array();
  CHECK(events.size() >= 20);
  CHECK(events.at(0).at("prevHash") == std::string(64, '0').c_str());
  for (std::size_t i = 1; i < events.size(); ++i) CHECK(events.at(i).at("prevHash") == events.at(i - 1).at("hash"));
  auto verify = supervisor.get(std::string(kApi) + "/review/filings/" + std::to_string(id) + "/history/verify");
  REQUIRE(verify.status == 200);
  CHECK(verify.json().at("ok") == true);
  CHECK(verify.json().at("firstBrokenSeq").is_null());
  CHECK(reviewer.get(std::string(kApi) + "/review/filings/" + std::to_string(id) + "/history/verify").status == 403);

  // The supervisor voids it; the enterprise is no longer qualified.
  auto current = supervisor.get(std::string(kApi) + "/review/filings/" + std::to_string(id));
  auto voided = supervisor.postJson(std::string(kApi) + "/review/filings/" + std::to_string(id) + "/revoke",
                                    bj::object{{"reason", "提供虚假材料"}}, ifMatch(etag(current)));
  REQUIRE(voided.status == 200);
  CHECK(voided.json().at("status") == "VOID");
  CHECK(ent.get(std::string(kApi) + "/qualification").json().at("qualified") == false);

  // CSV export for the reviewer, with the BOM.
  auto csv = reviewer.get(std::string(kApi) + "/review/filings.csv");
  CHECK(csv.status == 200);
  CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(csv.body.find("福建新名称二手车有限公司") != std::string::npos);
}
