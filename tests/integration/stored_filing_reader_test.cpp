// Format 1 is read straight from its text (adapters/persistence/stored_filing_reader.cpp, a
// JsonCursor instead of a JSON tree): what any JSON reader would take as the same document reads
// as the same filing, and a document that is damaged anywhere is refused, never half-read.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "adapters/persistence/filing_codec.hpp"
#include "tests/support/stored_filing_sample.hpp"

using namespace ucf::domain;
using ucf::adapters::decodeFiling;
using ucf::adapters::encodeFiling;
using ucf::test::sampleStoredFiling;

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("format 1 read from its text: white space, escapes and member order are JSON's") {
  const std::string stored = encodeFiling(sampleStoredFiling());

  SECTION("white space between tokens") {
    std::string spaced;
    bool inString = false;
    for (std::size_t i = 0; i < stored.size(); ++i) {
      const char c = stored[i];
      spaced.push_back(c);
      if (inString && c == '\\') {
        spaced.push_back(stored[++i]);
      } else if (c == '"') {
        inString = !inString;
      } else if (!inString && (c == ',' || c == ':' || c == '{' || c == '[')) {
        spaced += " \n\t\r";
      }
    }
    CHECK(decodeFiling(spaced + "\n") == sampleStoredFiling());
  }
  SECTION("\\u escapes, a surrogate pair included, in values and keys") {
    std::string escaped = replaced(stored, "🚗", "\\ud83d\\ude97");
    escaped = replaced(escaped, "象屿路", "\\u8c61\\u5c7f\\u8def");
    escaped = replaced(escaped, "\"uscc\"", "\"\\u0075scc\"");
    escaped = replaced(escaped, "\"address.detail\"", "\"address\\u002edetail\"");
    CHECK(decodeFiling(escaped) == sampleStoredFiling());
  }
  SECTION("members in another order") {
    Filing f;
    f.uscc = "91350100M000100Y43";
    f.createdAt = ucf::test::sampleInstant(5);
    const std::string reordered =
        "{\"v\":1,\"createdAt\":5,\"voidReason\":null,\"lapsed\":null,\"deleted\":false,\"closed\":[],\"open\":null,"
        "\"approved\":null,\"uscc\":\"91350100M000100Y43\"}";
    CHECK(decodeFiling(reordered) == f);
  }
}

TEST_CASE("a damaged format-1 document is refused, wherever the damage is") {
  const std::string stored = encodeFiling(sampleStoredFiling());

  SECTION("cut short at any byte") {
    for (std::size_t n = 0; n < stored.size(); ++n) {
      CAPTURE(n);
      CHECK_THROWS_AS(decodeFiling(stored.substr(0, n)), std::runtime_error);
    }
  }
  SECTION("trailing content") { CHECK_THROWS_AS(decodeFiling(stored + "{}"), std::runtime_error); }
  SECTION("a member missing, repeated or unknown") {
    CHECK_THROWS_WITH(decodeFiling(replaced(stored, "\"deleted\":false,", "")), Catch::Contains("missing"));
    CHECK_THROWS_WITH(decodeFiling(replaced(stored, "\"deleted\":false,", "\"deleted\":false,\"deleted\":true,")),
                      Catch::Contains("deleted"));
    CHECK_THROWS_WITH(decodeFiling(replaced(stored, "\"blobId\":42", "\"blobId\":42,\"extra\":1")),
                      Catch::Contains("extra"));
  }
  SECTION("a value of the wrong kind") {
    CHECK_THROWS_AS(decodeFiling(replaced(stored, "\"deleted\":false", "\"deleted\":0")), std::runtime_error);
    CHECK_THROWS_AS(decodeFiling(replaced(stored, "\"blobId\":42", "\"blobId\":\"42\"")), std::runtime_error);
    CHECK_THROWS_AS(decodeFiling(replaced(stored, "\"blobId\":42", "\"blobId\":042")), std::runtime_error);
    CHECK_THROWS_AS(decodeFiling(replaced(stored, "\"blobId\":42", "\"blobId\":9223372036854775808")),
                    std::runtime_error);
    CHECK_THROWS_WITH(decodeFiling(replaced(stored, "\"customsCode\":\"\"", "\"customsCode\":[]")),
                      Catch::Contains("form member"));
  }
  SECTION("a bad escape or a raw control character in a string") {
    CHECK_THROWS_AS(decodeFiling(replaced(stored, "🚗", "\\ud83d")), std::runtime_error);
    CHECK_THROWS_AS(decodeFiling(replaced(stored, "🚗", "\\ude97")), std::runtime_error);
    CHECK_THROWS_AS(decodeFiling(replaced(stored, "🚗", "\\x")), std::runtime_error);
    CHECK_THROWS_AS(decodeFiling(replaced(stored, "🚗", "\\u12g4")), std::runtime_error);
    CHECK_THROWS_AS(decodeFiling(replaced(stored, "🚗", std::string(1, '\x01'))), std::runtime_error);
  }
}
