// mock-host backup / restore / verify (docs/PRODUCT.md §8): a backup taken while writers run
// restores into an empty place, verifies whole, and a host started on the copy serves every
// filing, history and file that was acknowledged before the backup began; filings written during
// it are there as a prefix of their history or not at all. verify finds a corrupted file and a
// tampered history row.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include "mock-host/admin/admin_commands.hpp"
#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/store_fixture.hpp"
#include "tests/support/test_host.hpp"
#include "tests/unit/domain/file_samples.hpp"

using namespace ucf;
using namespace ucf::test;
namespace fs = std::filesystem;
using Poco::Data::Keywords::now;

namespace {

struct Run {
  int status;
  std::string out, err;
};

Run admin(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out, err;
  const int status = host::admin::runAdminCommand(static_cast<int>(argv.size()), argv.data(), out, err);
  return {status, out.str(), err.str()};
}

}  // namespace

TEST_CASE("Backup: taken while writes run, restored elsewhere, a host on the copy serves what was acknowledged",
          "[concurrency]") {
  TestHost original;
  const std::string data = original.dataDir().string();
  const std::string db = "sqlite:" + (original.dataDir() / "host.sqlite").string();
  const std::string filings = std::string(kApi) + "/filings";

  // Acknowledged before the backup: three filings (one open 新增 per enterprise), each with a file.
  std::vector<HttpClient> owners;
  std::vector<std::string> settled;
  for (int i = 0; i < 3; ++i) {
    owners.push_back(enterpriseSession(original.port(), "backup-exporter-" + std::to_string(i), usccNumber(i)));
    auto draft = owners.back().postJson(filings + "?mode=draft", validForm());
    REQUIRE(draft.status == 201);
    const long long id = draft.json().at("id").as_int64();
    REQUIRE(upload(owners.back(), id, "company_profile", "profile.pdf", makePdf("1.7", 1000 * (i + 1))).status == 201);
    settled.push_back(filings + "/" + std::to_string(id));
  }
  std::vector<std::string> before;  // detail, history and file of each, as acknowledged
  for (std::size_t i = 0; i < settled.size(); ++i) {
    before.push_back(owners[i].get(settled[i]).body);
    before.push_back(owners[i].get(settled[i] + "/history").body);
    before.push_back(owners[i].get(settled[i] + "/attachments/company_profile").body);
  }

  // A writer keeps saving and uploading into a fourth filing while the backup runs.
  HttpClient busy = enterpriseSession(original.port(), "backup-writer", usccNumber(3));
  auto busyDraft = busy.postJson(filings + "?mode=draft", validForm());
  REQUIRE(busyDraft.status == 201);
  const std::string busyPath = filings + "/" + std::to_string(busyDraft.json().at("id").as_int64());
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  std::thread writer([&, client = busy]() mutable {
    int n = 0;
    while (!stop) {
      auto detail = client.get(busyPath);
      const std::string scope = "二手车销售；货物进出口；第 " + std::to_string(n++) + " 次保存";
      if (client.put(busyPath + "?mode=draft", R"({"businessScope":")" + scope + "\"}", {{"If-Match", etag(detail)}})
              .status == 200) {
        ++writes;
      }
      upload(client, busyDraft.json().at("id").as_int64(), "company_profile", "p.pdf", makePdf("1.7", 500 + n));
    }
  });
  while (writes < 2) std::this_thread::yield();  // the writer is under way (not a pass/fail decision)
  TempDir work;
  const std::string file = (work.path() / "backup.tar").string();
  const Run backedUp = admin({"backup", "--data-dir", data, "--db", db, "--to", file});
  stop = true;
  writer.join();
  INFO(backedUp.out << backedUp.err);
  REQUIRE(backedUp.status == 0);
  CHECK(admin({"backup", "--data-dir", data, "--db", db, "--to", file}).status == 1);  // never overwrites

  // Restore refuses a place that is not empty, then restores into an empty one, which verifies.
  const fs::path copy = work.path() / "copy";
  fs::create_directories(copy / "occupied");
  const std::string copyDb = "sqlite:" + (copy / "host.sqlite").string();
  CHECK(admin({"restore", "--from", file, "--data-dir", copy.string(), "--db", copyDb}).status == 1);
  fs::remove(copy / "occupied");
  const Run restored = admin({"restore", "--from", file, "--data-dir", copy.string(), "--db", copyDb});
  INFO(restored.out << restored.err);
  REQUIRE(restored.status == 0);
  const Run verified = admin({"verify", "--data-dir", copy.string(), "--db", copyDb});
  INFO(verified.out << verified.err);
  CHECK(verified.status == 0);
  CHECK(verified.out.find("nothing broken") != std::string::npos);

  {
    // A host on the copy: the same sessions (the host's database came back too), the same data.
    TestHost::Options options;
    options.tune = [&](host::HostOptions& o) {
      o.dataDir = copy.string();
      o.db = copyDb;
    };
    TestHost onCopy(options);
    std::size_t k = 0;
    for (std::size_t i = 0; i < settled.size(); ++i) {
      HttpClient same = owners[i];
      same.setPort(onCopy.port());
      CHECK(same.get(settled[i]).body == before[k++]);
      CHECK(same.get(settled[i] + "/history").body == before[k++]);
      CHECK(same.get(settled[i] + "/attachments/company_profile").body == before[k++]);
    }
    // The writer's filing: on the copy, whole as of one of its saves (its history a prefix of the
    // original's, its detail as the history says).
    HttpClient sameBusy = busy;
    sameBusy.setPort(onCopy.port());
    const auto copied = sameBusy.get(busyPath + "/history").json().at("events").as_array();
    const auto current = busy.get(busyPath + "/history").json().at("events").as_array();
    REQUIRE(!copied.empty());
    REQUIRE(copied.size() <= current.size());
    for (std::size_t i = 0; i < copied.size(); ++i) CHECK(copied[i] == current[i]);
    CHECK(sameBusy.get(busyPath).status == 200);
  }

  // Tampering is found: one byte of a stored file, then one history row's content.
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session plugin("SQLite", (copy / "used-car-filing.sqlite").string());
  plugin << "UPDATE ucf_blob_chunk SET data = CAST(X'00' AS BLOB) || substr(data, 2) WHERE blob_id = 1 AND seq = 0",
      now;
  const Run corrupted = admin({"verify", "--data-dir", copy.string(), "--db", copyDb});
  CHECK(corrupted.status == 1);
  CHECK(corrupted.err.find("file 1: SHA-256") != std::string::npos);
  plugin
      << "UPDATE ucf_history SET content = replace(content, '\"seq\":1', '\"seq\":1 ') WHERE filing_id = 2 AND seq = 1",
      now;
  const Run tampered = admin({"verify", "--data-dir", copy.string(), "--db", copyDb});
  CHECK(tampered.status == 1);
  CHECK(tampered.err.find("filing 2 history seq 1: hash does not match its content") != std::string::npos);
}
