// The plugin's PostgreSQL connections are opened in the background after start (issue 18), so
// the first burst of requests does not open them all at once; they close with the database.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <thread>

#include "adapters/persistence/database.hpp"
#include "dbkit/postgresql_uri.hpp"
#include "tests/support/pg_schema.hpp"

using namespace ucf;
using namespace ucf::test;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

namespace {

/// Counts the server's connections named `application` until there are `expected` (or 30 s
/// have passed: then the last count, which fails the check that follows).
int awaitConnections(const std::string& application, int expected) {
  Poco::Data::Session admin("PostgreSQL", dbkit::postgresqlConnectionString(serverUri()));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  int count = -1;
  while (true) {
    std::string name = application;
    admin << "SELECT COUNT(*)::INTEGER FROM pg_stat_activity WHERE application_name = $1", useRef(name), into(count),
        now;
    if (count == expected || std::chrono::steady_clock::now() > deadline) return count;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling, not deciding
  }
}

}  // namespace

TEST_CASE("PostgreSQL: the pool opens its connections in the background, up to its size, and closes them",
          "[concurrency]") {
  PgSchema schema;
  const std::string application = "ucf_fill_" + std::to_string(::getpid());
  const std::string uri = schema.uri() + "&application_name=" + application;
  {
    adapters::Database db(adapters::Dialect::kPostgresql, uri, 6);
    db.fillInBackground();
    CHECK(awaitConnections(application, 6) == 6);
    {
      adapters::Database::Lease lease = db.lease();  // one of them: no seventh is opened
      int one = 0;
      lease.session() << "SELECT 1", into(one), now;
      CHECK(one == 1);
    }
    CHECK(awaitConnections(application, 6) == 6);
  }
  CHECK(awaitConnections(application, 0) == 0);

  // Destroyed while it is still filling: the filler stops and is joined.
  { adapters::Database(adapters::Dialect::kPostgresql, uri, 40).fillInBackground(); }
  CHECK(awaitConnections(application, 0) == 0);
}
