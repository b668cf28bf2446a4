// The REST contract's rules of tests/support/rest_contract_scenarios.hpp, on SQLite.
#include "tests/support/rest_contract_scenarios.hpp"

using namespace ucf::test;

TEST_CASE("SQLite: submit names every missing field and every missing slot at once") {
  TestHost host;
  contract::checkSubmitNamesEverythingMissing(host, "91350100M000100Y43");
}

TEST_CASE("SQLite: a row's applicationType is its latest application's, voided or lapsed with its change open") {
  TestHost host;
  contract::checkRowTypeIsLatestApplication(host);
}

TEST_CASE("SQLite: enterprises get 403 on every /review route, their own filings included") {
  TestHost host;
  contract::checkEnterprisesForbiddenOnReview(host, "91350100M000100Y43");
}
