#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/Session.h>

#include "dbkit/postgresql_uri.hpp"
#include "mock-host/auth/host_database.hpp"
#include "tests/support/test_host.hpp"

namespace ucf::test {

/// The PostgreSQL server of the tests (UCF_TEST_PG_URI, set by scripts/test.sh); fails the test
/// (never skips) when it is not set.
inline std::string serverUri() {
  const char* uri = std::getenv("UCF_TEST_PG_URI");
  if (uri == nullptr || *uri == '\0') {
    FAIL(
        "UCF_TEST_PG_URI is not set: these tests need a PostgreSQL server. Run scripts/test.sh, or "
        "`source scripts/pg-throwaway.sh && pg_throwaway_start && export UCF_TEST_PG_URI` first.");
  }
  return uri;
}

/// A schema of its own for one test (dropped afterwards); `uri()` points hosts at it.
class PgSchema {
 public:
  PgSchema() {
    Poco::Data::PostgreSQL::Connector::registerConnector();
    static std::atomic<int> counter{0};
    name_ = "ucf_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    const std::string base = serverUri();
    admin_ = std::make_unique<Poco::Data::Session>("PostgreSQL", ucf::dbkit::postgresqlConnectionString(base));
    *admin_ << "SET client_min_messages = warning", Poco::Data::Keywords::now;
    *admin_ << "DROP SCHEMA IF EXISTS " + name_ + " CASCADE", Poco::Data::Keywords::now;
    *admin_ << "CREATE SCHEMA " + name_, Poco::Data::Keywords::now;
    uri_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + name_;
  }
  ~PgSchema() {
    try {
      *admin_ << "DROP SCHEMA IF EXISTS " + name_ + " CASCADE", Poco::Data::Keywords::now;
    } catch (...) {
    }
  }
  PgSchema(const PgSchema&) = delete;
  PgSchema& operator=(const PgSchema&) = delete;

  [[nodiscard]] const std::string& uri() const { return uri_; }
  [[nodiscard]] const std::string& name() const { return name_; }
  /// A single number from `sql` (which may name tables as `<name()>.table`).
  long count(const std::string& sql) {
    long n = 0;
    *admin_ << "SELECT (" + sql + ")::bigint", Poco::Data::Keywords::into(n), Poco::Data::Keywords::now;
    return n;
  }
  /// Runs `sql` (which may name tables as `<name()>.table`), e.g. to change what hosts cached
  /// behind their backs.
  void execute(const std::string& sql) { *admin_ << sql, Poco::Data::Keywords::now; }
  /// Host options that put a host (and its plugins) over this schema.
  [[nodiscard]] TestHost::Options hostOptions() const {
    TestHost::Options o;
    o.db = uri_;
    return o;
  }

 private:
  std::string name_;
  std::string uri_;
  std::unique_ptr<Poco::Data::Session> admin_;
};

}  // namespace ucf::test
