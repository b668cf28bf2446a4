// A full disk (docs/PRODUCT.md §8): the data folder and the upload spool each on a small tmpfs.
// With the database's disk full, uploads and saves get 507 problem+json (SQLITE_FULL); with the
// spool's disk full, uploads get 507 (ENOSPC); reads keep working; after space returns, a restart
// finds every acknowledged write whole. Mounting needs root: elsewhere the test says why it did
// nothing.
#include <catch2/catch.hpp>

#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include "adapters/crypto/sha256.hpp"
#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/test_host.hpp"
#include "tests/unit/domain/file_samples.hpp"

using namespace ucf;
using namespace ucf::test;
namespace fs = std::filesystem;

namespace {

/// A tmpfs of `megabytes` at `where`, unmounted on destruction.
class Tmpfs {
 public:
  Tmpfs(const fs::path& where, int megabytes) : where_(where) {
    fs::create_directories(where_);
    const std::string options = "size=" + std::to_string(megabytes) + "m,mode=0700";
    if (::mount("tmpfs", where_.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      FAIL("cannot mount a tmpfs at " << where_ << ": " << std::strerror(errno));
    }
  }
  ~Tmpfs() { ::umount2(where_.c_str(), MNT_DETACH); }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;

  /// Writes a filler file until the disk refuses more (ENOSPC).
  void fill() const {
    std::ofstream out(where_ / "filler", std::ios::binary);
    const std::string block(64 * 1024, 'x');
    while (out.write(block.data(), static_cast<std::streamsize>(block.size()))) {
    }
  }
  void free() const { fs::remove(where_ / "filler"); }

 private:
  fs::path where_;
};

void checkpoint(const fs::path& database) {
  // Empties the write-ahead log, so the next write needs new space on the full disk.
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session s("SQLite", database.string());
  s << "PRAGMA wal_checkpoint(TRUNCATE)", Poco::Data::Keywords::now;
}

}  // namespace

TEST_CASE("Faults: a full disk refuses uploads and saves with 507, keeps serving reads, and loses nothing") {
  if (::geteuid() != 0) {
    WARN("skipped: mounting a small tmpfs for the full disk needs root (this runs as uid " << ::geteuid() << ")");
    return;
  }
  TempDir base;
  const fs::path data = base.path() / "data";
  const fs::path spool = base.path() / "spool";
  Tmpfs dataDisk(data, 6);
  Tmpfs spoolDisk(spool, 2);
  const fs::path config = base.path() / "config.json";
  std::ofstream(config) << R"({"plugins": {"used-car-filing": {"spoolDir": ")" << spool.string() << R"("}}})";
  {
    TestHost::Options options;
    options.tune = [&](host::HostOptions& o) {
      o.dataDir = data.string();
      o.db = "sqlite:" + (data / "host.sqlite").string();
      o.configFile = config.string();
    };
    auto host = std::make_unique<TestHost>(options);
    HttpClient ent = enterpriseSession(host->port(), "full-disk-exporter", "91350100M000100Y43");
    const std::string filings = std::string(kApi) + "/filings";
    auto draft = ent.postJson(filings + "?mode=draft", validForm());
    REQUIRE(draft.status == 201);
    const long long id = draft.json().at("id").as_int64();
    const std::string path = filings + "/" + std::to_string(id);
    const std::string pdf = makePdf("1.7", 300 * 1024);
    auto stored = upload(ent, id, "company_profile", "license.pdf", pdf);
    REQUIRE(stored.status == 201);
    const auto acknowledged = ent.get(path);
    REQUIRE(acknowledged.status == 200);

    checkpoint(data / "used-car-filing.sqlite");
    checkpoint(data / "host.sqlite");
    dataDisk.fill();
    // The database's disk is full: SQLite says SQLITE_FULL.
    auto refusedUpload = upload(ent, id, "business_operations", "seal.pdf", pdf);
    CHECK(refusedUpload.status == 507);
    CHECK(refusedUpload.header("content-type").find("application/problem+json") == 0);
    auto refusedSave = ent.put(path + "?mode=draft", R"({"businessScope":"二手车销售；货物进出口；技术进出口"})",
                               {{"If-Match", etag(acknowledged)}});
    CHECK(refusedSave.status == 507);
    // Reads keep working, and show what was acknowledged.
    auto read = ent.get(path);
    CHECK(read.status == 200);
    CHECK(read.body == acknowledged.body);
    CHECK(ent.get(filings).status == 200);
    auto download = ent.get(path + "/attachments/company_profile");
    CHECK(download.status == 200);
    CHECK(adapters::sha256Hex(download.body) == adapters::sha256Hex(pdf));

    // The spool's disk is full too: the upload is refused before the database is reached (ENOSPC).
    dataDisk.free();
    spoolDisk.fill();
    // A body within the host's drain bound (64 KiB): the spool refuses its first bytes and the host
    // answers before reading the rest, so a larger body would race the client's writing against the
    // host closing the connection (docs/PRODUCT.md §7.1) and might end in a reset instead of the 507.
    auto refusedSpool = upload(ent, id, "business_operations", "seal.pdf", makePdf("1.7", 16 * 1024));
    CHECK(refusedSpool.status == 507);
    spoolDisk.free();

    // Space is back: the same writes succeed.
    CHECK(upload(ent, id, "business_operations", "seal.pdf", pdf).status == 201);
    auto now = ent.get(path);
    auto saved = ent.put(path + "?mode=draft", R"({"businessScope":"二手车销售；货物进出口；技术进出口"})",
                         {{"If-Match", etag(now)}});
    CHECK(saved.status == 200);

    // Nothing acknowledged was lost or corrupted: after a restart, SQLite's own check, then the
    // filing and both files through the host.
    host.reset();
    {
      Poco::Data::Session check("SQLite", (data / "used-car-filing.sqlite").string());
      std::string verdict;
      check << "PRAGMA integrity_check", Poco::Data::Keywords::into(verdict), Poco::Data::Keywords::now;
      CHECK(verdict == "ok");
    }
    host = std::make_unique<TestHost>(options);
    ent.setPort(host->port());
    auto after = ent.get(path);
    REQUIRE(after.status == 200);
    CHECK(after.json().at("version") == saved.json().at("version"));
    for (const char* slot : {"company_profile", "business_operations"}) {
      auto file = ent.get(path + "/attachments/" + slot);
      CHECK(file.status == 200);
      CHECK(adapters::sha256Hex(file.body) == adapters::sha256Hex(pdf));
    }
  }
}
