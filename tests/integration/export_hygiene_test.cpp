// What leaves the plugin as files (docs/PRODUCT.md §7.1 hardening): CSV cells that a spreadsheet would run
// as formulas are neutralised, tab- and carriage-return-led ones included; attachments (licence
// scans, seals) are never kept by a cache. Real HTTP through the host and the built plugin.
// And what leaves it as symbols (§11): the built plugin exports its C entry point and nothing else.
#include <catch2/catch.hpp>

#include <cstdio>
#include <memory>

#include <boost/json.hpp>

#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;

namespace {

void submitWithName(HttpClient& enterprise, const std::string& enterpriseName) {
  auto form = validForm();
  form["enterpriseName"] = enterpriseName;
  auto created = enterprise.postJson(std::string(kApi) + "/filings?mode=save", form);
  REQUIRE(created.status == 201);
  long long id = created.json().at("id").as_int64();
  uploadAllMaterials(enterprise, id);
  std::string path = std::string(kApi) + "/filings/" + std::to_string(id);
  auto detail = enterprise.get(path);
  REQUIRE(enterprise.post(path + "/submit", "", {{"If-Match", etag(detail)}}).status == 200);
}

}  // namespace

TEST_CASE("the review CSV neutralises cells led by = + - @, tab or carriage return") {
  TestHost host;
  auto first = enterpriseSession(host.port(), "csv-ent-1", "91350100M000100Y43");
  auto second = enterpriseSession(host.port(), "csv-ent-2", "91110000600037341L");
  submitWithName(first, "\t=1+2福建公司");
  submitWithName(second, "\r@SUM(1)福建公司");
  auto reviewer = authoritySession(host.port(), "csv-reviewer", {"reviewer"}, "350000");
  auto csv = reviewer.get(std::string(kApi) + "/review/filings.csv");
  REQUIRE(csv.status == 200);
  CHECK(csv.body.find("\"'\t=1+2福建公司\"") != std::string::npos);
  CHECK(csv.body.find("\"'\r@SUM(1)福建公司\"") != std::string::npos);
  CHECK(csv.body.find("\"\t=") == std::string::npos);
}

TEST_CASE("attachments are served with Cache-Control: no-store") {
  TestHost host;
  auto ent = enterpriseSession(host.port(), "cache-ent", "91350100M000100Y43");
  auto created = ent.postJson(std::string(kApi) + "/filings?mode=draft", boost::json::object{});
  REQUIRE(created.status == 201);
  long long id = created.json().at("id").as_int64();
  uploadAllMaterials(ent, id);
  auto download = ent.get(std::string(kApi) + "/filings/" + std::to_string(id) + "/attachments/license_original");
  REQUIRE(download.status == 200);
  CHECK(download.header("cache-control") == "no-store");
}

TEST_CASE("the plugin exports only its C entry point: no C++-mangled symbol") {
  const std::string command = "nm -D --defined-only " + std::string(UCF_PLUGIN_DIR) + "/libused_car_filing.so";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::vector<std::string> names;
  char line[512];
  while (std::fgets(line, sizeof line, pipe.get()) != nullptr) {
    std::string text(line);
    auto space = text.find_last_of(' ');
    names.push_back(text.substr(space + 1, text.find_last_not_of("\r\n") - space));
  }
  CHECK(names == std::vector<std::string>{"ucf_plugin_entry"});
  for (const auto& name : names) CHECK(name.rfind("_Z", 0) != 0);
}
