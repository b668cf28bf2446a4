// GET /review/stats on SQLite: tests/support/stats_scenario.hpp.
#include "tests/support/stats_scenario.hpp"

using namespace ucf::test;

TEST_CASE("SQLite: review stats agree with the review list in every scope") {
  TestHost host;
  stats::checkStatsAgreeWithList(host);
}
