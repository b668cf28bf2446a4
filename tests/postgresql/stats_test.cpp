// GET /review/stats on PostgreSQL: tests/support/stats_scenario.hpp.
#include "tests/support/pg_schema.hpp"
#include "tests/support/stats_scenario.hpp"

using namespace ucf::test;

TEST_CASE("PostgreSQL: review stats agree with the review list in every scope") {
  PgSchema schema;
  TestHost host(schema.hostOptions());
  stats::checkStatsAgreeWithList(host);
}
