// mock-host verify on PostgreSQL (docs/RELIABILITY.md): every history chain and stored file of the
// database checked; a tampered history row is named. backup and restore name pg_dump/pg_restore.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "dbkit/postgresql_uri.hpp"
#include "mock-host/admin/admin_commands.hpp"
#include "tests/support/filing_fixtures.hpp"
#include "tests/support/pg_schema.hpp"
#include "tests/support/sessions.hpp"
#include "tests/unit/domain/file_samples.hpp"

using namespace ucf;
using namespace ucf::test;

namespace {

int admin(std::vector<std::string> args, std::string& out, std::string& err) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream o, e;
  const int status = host::admin::runAdminCommand(static_cast<int>(argv.size()), argv.data(), o, e);
  out = o.str();
  err = e.str();
  return status;
}

}  // namespace

TEST_CASE("PostgreSQL: verify checks history chains and files; backup and restore name pg_dump and pg_restore") {
  PgSchema schema;
  TestHost host(schema.hostOptions());
  auto ent = enterpriseSession(host.port(), "pg-verify-exporter", "91350100M000100Y43");
  auto draft = ent.postJson(std::string(kApi) + "/filings?mode=draft", validForm());
  REQUIRE(draft.status == 201);
  const long long id = draft.json().at("id").as_int64();
  REQUIRE(upload(ent, id, "company_profile", "profile.pdf", makePdf()).status == 201);

  std::string out, err;
  CHECK(admin({"verify", "--data-dir", host.dataDir().string(), "--db", schema.uri()}, out, err) == 0);
  CHECK(out.find("verified 1 filings") != std::string::npos);
  CHECK(out.find("1 stored files: nothing broken") != std::string::npos);

  Poco::Data::Session tamper("PostgreSQL", dbkit::postgresqlConnectionString(schema.uri()));
  tamper << "UPDATE ucf_history SET content = replace(content, '\"seq\":1', '\"seq\":1 ') WHERE filing_id = " +
                std::to_string(id) + " AND seq = 1",
      Poco::Data::Keywords::now;
  CHECK(admin({"verify", "--data-dir", host.dataDir().string(), "--db", schema.uri()}, out, err) == 1);
  CHECK(err.find("filing " + std::to_string(id) + " history seq 1: hash does not match its content") !=
        std::string::npos);

  CHECK(admin({"backup", "--data-dir", host.dataDir().string(), "--db", schema.uri(), "--to", "/tmp/x.dump"}, out,
              err) == 2);
  CHECK(err.find("pg_dump --format=custom --file=/tmp/x.dump") != std::string::npos);
  CHECK(admin({"restore", "--from", "/tmp/x.dump", "--data-dir", host.dataDir().string(), "--db", schema.uri()}, out,
              err) == 2);
  CHECK(err.find("pg_restore") != std::string::npos);
}
