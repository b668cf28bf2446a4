// The JSON writer of the read routes: every document it writes must be JSON that a strict parser
// reads back to the same values (Boost.JSON is the reference here).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include <boost/json/parse.hpp>

#include "plugin/json/json_parser.hpp"
#include "plugin/json/json_writer.hpp"

using ucf::json::JsonWriter;
namespace bj = boost::json;

TEST_CASE("JsonWriter places commas between members and array elements, and none elsewhere") {
  JsonWriter out;
  out.beginObject().member("a", 1).key("b").beginArray().value(true).value(false).null().beginObject().endObject();
  out.beginArray().endArray().endArray().member("c", "x").key("d").beginObject().member("e", 2.5).endObject();
  out.endObject();
  CHECK(out.text() == R"({"a":1,"b":[true,false,null,{},[]],"c":"x","d":{"e":2.5}})");
}

TEST_CASE("JsonWriter escapes quotes, backslashes and control characters and keeps UTF-8 as it is") {
  std::string text = "引号\"反斜杠\\换行\n回车\r制表\t退格\b换页\f";
  text.push_back('\0');
  text += "\x01\x1f\x7f end";
  JsonWriter out;
  out.beginObject().member(text, text).endObject();
  const auto parsed = bj::parse(out.text()).as_object();
  REQUIRE(parsed.size() == 1);
  CHECK(std::string(parsed.begin()->key()) == text);
  CHECK(std::string(parsed.begin()->value().as_string()) == text);
  CHECK(out.text().find("\\u0000") != std::string::npos);
  CHECK(out.text().find("\\u001f") != std::string::npos);
}

TEST_CASE("JsonWriter writes numbers in the shortest form that reads back exactly") {
  const double values[] = {0.0, 12000.5, 0.1, 1e-7, 1e300, -3.25, 5000.0, 123456789.123};
  for (double v : values) {
    JsonWriter out;
    out.beginArray().value(v).endArray();
    CAPTURE(out.text());
    CHECK(bj::parse(out.text()).as_array().at(0).to_number<double>() == v);
  }
  JsonWriter decimal;
  decimal.value(12000.5);
  CHECK(decimal.text() == "12000.5");  // not 1.20005E4

  JsonWriter ints;
  ints.beginArray()
      .value(std::numeric_limits<std::int64_t>::min())
      .value(std::numeric_limits<std::int64_t>::max())
      .value(0)
      .endArray();
  CHECK(ints.text() == "[-9223372036854775808,9223372036854775807,0]");
}

TEST_CASE("parseJson reads every number the writer writes back exactly, where Boost.JSON 1.81 may not") {
  // The fuzzer's find: Boost.JSON reads this 2.2222222222222225e64, one ulp off.
  const double found = 2.2222222222222222e64;
  CHECK(bj::parse("2.2222222222222222e+64").as_double() != found);
  CHECK(ucf::json::parseJson("2.2222222222222222e+64").as_double() == found);
  CHECK(ucf::json::parseJson("[22222222222222222222222222222222222222222222222222222222222222224]")
            .as_array()
            .at(0)
            .as_double() == found);
  // Doubles spread over the whole range, from a fixed sequence: written, then read back exactly.
  std::uint64_t bits = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 20000; ++i) {
    bits ^= bits << 13;
    bits ^= bits >> 7;
    bits ^= bits << 17;
    double v = 0;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isfinite(v)) continue;
    JsonWriter out;
    out.beginArray().value(v).endArray();
    CAPTURE(out.text());
    const auto read = ucf::json::parseJson(out.text()).as_array().at(0);
    CHECK(read.to_number<double>() == v);
  }
  // Integers, keys, strings, nesting and errors as Boost.JSON has them.
  auto doc = ucf::json::parseJson(R"({"a":[1,-2,18446744073709551615,true,null,"x\u00e9"],"b":{"c":0.5}})");
  CHECK(doc.at("a").at(0).is_int64());
  CHECK(doc.at("a").at(2).is_uint64());
  CHECK(doc.at("a").at(5).as_string() == "xé");
  CHECK(doc.at("b").at("c").as_double() == 0.5);
  bj::error_code ec;
  CHECK(ucf::json::parseJson("[1] x", ec).is_null());
  CHECK(ec == bj::error::extra_data);
  ec = {};
  ucf::json::parseJson("[1,", ec);
  CHECK(ec);
}

TEST_CASE("JsonWriter writes a non-finite number as null and an absent optional as null") {
  JsonWriter out;
  out.beginArray()
      .value(std::numeric_limits<double>::infinity())
      .value(std::nan(""))
      .value(std::optional<int>())
      .value(std::optional<int>(7))
      .endArray();
  CHECK(out.text() == "[null,null,null,7]");
}

TEST_CASE("JsonWriter finds a character to escape at any position of a long string") {
  const std::string specials[] = {"\"", "\\", "\n", std::string(1, '\0'), "\x1f"};
  for (const auto& special : specials) {
    for (std::size_t at = 0; at < 24; ++at) {
      std::string text = "abcdefghijklmnopqrstuvwx二手车";  // ASCII, then multi-byte UTF-8
      text.insert(at, special);
      JsonWriter out;
      out.value(text);
      CAPTURE(at, out.text());
      CHECK(std::string(bj::parse(out.text()).as_string()) == text);
    }
  }
}

// The writer checks whole 8-byte words, then the last 8 bytes overlapping them, and strings
// shorter than a word byte by byte: every length around those edges, with the character to
// escape at every position (the last byte included) and a second one after it.
TEST_CASE("JsonWriter escapes strings of every short length, the character to escape anywhere in them") {
  const std::string plain = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (std::size_t length = 0; length <= 33; ++length) {
    {
      JsonWriter out;
      out.value(plain.substr(0, length));
      CHECK(out.text() == "\"" + plain.substr(0, length) + "\"");
    }
    for (std::size_t at = 0; at < length; ++at) {
      for (std::size_t second = at; second < length; second += 5) {
        std::string text = plain.substr(0, length);
        text[at] = '"';
        if (second != at) text[second] = '\x01';
        JsonWriter out;
        out.beginArray().value(text).value("x").endArray();
        CAPTURE(length, at, second, out.text());
        const auto parsed = bj::parse(out.text()).as_array();
        CHECK(std::string(parsed.at(0).as_string()) == text);
        CHECK(std::string(parsed.at(1).as_string()) == "x");
      }
    }
  }
}
