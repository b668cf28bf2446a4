// The REST contract's rules of tests/support/rest_contract_scenarios.hpp, on PostgreSQL.
#include "tests/support/pg_schema.hpp"
#include "tests/support/rest_contract_scenarios.hpp"

using namespace ucf::test;

TEST_CASE("PostgreSQL: submit names every missing field and every missing slot at once") {
  PgSchema schema;
  TestHost host(schema.hostOptions());
  contract::checkSubmitNamesEverythingMissing(host, "91350100M000100Y43");
}

TEST_CASE("PostgreSQL: a row's applicationType is its latest application's, voided or lapsed with its change open") {
  PgSchema schema;
  TestHost host(schema.hostOptions());
  contract::checkRowTypeIsLatestApplication(host);
}

TEST_CASE("PostgreSQL: enterprises get 403 on every /review route, their own filings included") {
  PgSchema schema;
  TestHost host(schema.hostOptions());
  contract::checkEnterprisesForbiddenOnReview(host, "91350100M000100Y43");
}
