// The authorities' CSV (plugin/rest/csv_export): every page of the list streamed, and a page that
// fails after the first throws from the stream (the host then cuts the connection) instead of
// ending a file that looks whole. Over the in-memory store.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "plugin/rest/csv_export.hpp"
#include "tests/support/memory_services.hpp"

using namespace ucf;
using namespace ucf::test;

namespace {

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("csv export: every page of the list, one row per filing after the BOM and the header") {
  MemoryServices s;
  for (int i = 0; i < 230; ++i) s.submitted(enterpriseCaller(usccNumber(i), "ent-" + std::to_string(i)));
  auto response = rest::csvExport(s.reviews, supervisorCaller(), {}, s.filings.today());
  REQUIRE(response.status == 200);
  REQUIRE(response.streamBody);
  CHECK(response.streamLength == -1);  // chunked: the length is not known before the last page
  std::ostringstream out;
  response.streamBody(out);
  const std::string csv = out.str();
  CHECK(csv.rfind("\xEF\xBB\xBF备案编号,", 0) == 0);
  CHECK(lines(csv) == 231);
  CHECK(csv.find(usccNumber(0)) != std::string::npos);
  CHECK(csv.find(usccNumber(229)) != std::string::npos);
}

TEST_CASE("csv export: a page that fails after the first throws from the stream") {
  MemoryServices s;
  for (int i = 0; i < 120; ++i) s.submitted(enterpriseCaller(usccNumber(i), "ent-" + std::to_string(i)));
  s.store.failReviewListsAfter(1);  // the first page answers, the second fails
  auto response = rest::csvExport(s.reviews, supervisorCaller(), {}, s.filings.today());
  REQUIRE(response.status == 200);
  std::ostringstream out;
  CHECK_THROWS_WITH(response.streamBody(out), Catch::Contains("review list failed"));
  CHECK(lines(out.str()) == 101);  // the header and the first page, then nothing pretends to end
}

TEST_CASE("csv export: a refusal before the first page is still a problem, not a broken stream") {
  MemoryServices s;
  auto response = rest::csvExport(s.reviews, enterpriseCaller(), {}, s.filings.today());
  CHECK(response.status == 403);
  CHECK_FALSE(response.streamBody);
}
