// The stored aggregate (ucf_filing.state) has a format of its own, versioned (`"v": 1`), written
// and read by adapters/persistence/filing_codec alone: every value a filing can hold comes back
// exactly, the bytes written for a known filing are the checked-in golden file, and the
// documents release 1 wrote (no "v") still read.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "adapters/persistence/filing_codec.hpp"
#include "tests/support/stored_filing_sample.hpp"

using namespace ucf::domain;
using ucf::adapters::decodeFiling;
using ucf::adapters::encodeApplication;
using ucf::adapters::encodeFiling;
using ucf::test::sampleInstant;
using ucf::test::sampleStoredFiling;

namespace {

// A file of tests/fixtures/storage/, without the newline that ends it.
std::string fixture(const std::string& name) {
  std::ifstream in(std::string(UCF_SOURCE_DIR) + "/tests/fixtures/storage/" + name, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

}  // namespace

TEST_CASE("a stored filing reads back exactly, hostile strings and extreme numbers included") {
  const Filing f = sampleStoredFiling();
  const std::string stored = encodeFiling(f);
  CAPTURE(stored);
  CHECK(decodeFiling(stored) == f);

  SECTION("and a filing with nothing optional set") {
    Filing bare;
    bare.uscc = "91350100M000100Y43";
    bare.open = Application{};
    bare.createdAt = sampleInstant(0);
    CHECK(decodeFiling(encodeFiling(bare)) == bare);
  }
  SECTION("a form version is the application's document, versioned too") {
    const std::string version = encodeApplication(*f.open);
    CHECK(version.rfind("{\"v\":1,\"number\":2,", 0) == 0);
    CHECK(version.find("\"registeredCapital\":{\"decimal\":\"12000.5\"}") != std::string::npos);
  }
}

TEST_CASE("format 1 is the golden file, byte for byte, and reads back as the filing") {
  // Changing what is on disk is a new format version, never an edit of this file.
  const std::string golden = fixture("filing_v1.json");
  CHECK(encodeFiling(sampleStoredFiling()) == golden);
  CHECK(decodeFiling(golden) == sampleStoredFiling());
}

TEST_CASE("a document release 1 wrote (no \"v\", decimals as JSON numbers) still reads") {
  const std::string old = fixture("filing_release1.json");
  REQUIRE(old.find("\"v\"") == std::string::npos);
  CHECK(decodeFiling(old) == sampleStoredFiling());  // 2.2222222222222222e64 too: read exactly
}

TEST_CASE("a document this build did not write is refused, not guessed at") {
  const std::string golden = fixture("filing_v1.json");
  REQUIRE(golden.rfind("{\"v\":1,", 0) == 0);
  CHECK_THROWS_WITH(decodeFiling("{\"v\":2," + golden.substr(7)), Catch::Contains("format version 2"));
  // Format 1 keeps decimals as text: a JSON number with a fraction in a form is not format 1.
  std::string numeric = golden;
  const std::string decimal = "{\"decimal\":\"12000.5\"}";
  REQUIRE(numeric.find(decimal) != std::string::npos);
  numeric.replace(numeric.find(decimal), decimal.size(), "12000.5");
  CHECK_THROWS_WITH(decodeFiling(numeric), Catch::Contains("form number"));
  std::string lapsed = golden;
  lapsed.replace(lapsed.find("\"SUPERSEDED\""), 12, "\"REVOKED\"");
  CHECK_THROWS_WITH(decodeFiling(lapsed), Catch::Contains("lapsed reason"));
}
