// Who acts for an enterprise (docs/PRODUCT.md §2.1) through HTTP on SQLite; tests/postgresql has the same
// scenarios over PostgreSQL and trust across two hosts.
#include <catch2/catch.hpp>

#include "tests/support/principals_scenario.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;

TEST_CASE("a stranger with the enterprise's USCC and the enterprise are two filers that never meet") {
  TestHost host;
  principals::checkStrangerAndEnterprise(host.port());
}

TEST_CASE("企业账号授权: a CA user trusts a registered account of its USCC, and withdraws it") {
  TestHost host;
  principals::checkTrust(host.port());
}

TEST_CASE("reviewers see both filers' 新增 with otherOpenNew and createdBy; qualification hides others' ids") {
  TestHost host;
  principals::checkReviewersSeeBothFilers(host.port());
}
