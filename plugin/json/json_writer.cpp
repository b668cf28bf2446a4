#include "plugin/json/json_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace ucf::json {

void JsonWriter::grow(std::size_t bytes) {
  const std::size_t capacity = std::max({kInitialCapacity, size_ + bytes, capacity_ * 2});
  auto data = std::make_unique_for_overwrite<char[]>(capacity);
  if (size_ != 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

JsonWriter& JsonWriter::open(char bracket) {
  separate();
  put(bracket);
  needComma_ = false;
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  put(bracket);
  needComma_ = true;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  quoted(name);
  put(':');
  needComma_ = false;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  separate();
  quoted(text);
  needComma_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
  return scalar(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

JsonWriter& JsonWriter::value(double number) {
  if (!std::isfinite(number)) return null();
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
  return scalar(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

JsonWriter& JsonWriter::value(bool flag) { return scalar(flag ? "true" : "false"); }

JsonWriter& JsonWriter::null() { return scalar("null"); }

JsonWriter& JsonWriter::raw(std::string_view json) { return scalar(json); }

JsonWriter& JsonWriter::scalar(std::string_view text) {
  separate();
  put(text);
  needComma_ = true;
  return *this;
}

namespace {

// Which bytes a JSON string cannot hold as they are: control characters, '"' and '\\'.
constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = true;
  table['"'] = true;
  table['\\'] = true;
  return table;
}();

// Whether any of the 8 bytes in `w` needs an escape (a control character, '"' or '\\'): the
// "has zero byte" and "has byte less than n" tests of Bit Twiddling Hacks, exact for "any".
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
constexpr bool anyNeedsEscape(std::uint64_t w) {
  const std::uint64_t quote = w ^ (kOnes * '"');
  const std::uint64_t backslash = w ^ (kOnes * '\\');
  const std::uint64_t control = (w - kOnes * 0x20) & ~w;
  return (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | control) & kHighs;
}

}  // namespace

void JsonWriter::quoted(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  char* const begin = room(text.size() * 6 + 2);  // the worst case: every byte as \u00XX
  char* p = begin;
  *p++ = '"';
  const char* plain = text.data();  // start of the run of bytes that need no escape
  const char* const end = text.data() + text.size();
  const char* at = plain;
  while (at < end) {
    if (end - at >= 8) {  // most strings have nothing to escape: skip 8 bytes at a time
      std::uint64_t word;
      std::memcpy(&word, at, sizeof word);
      if (!anyNeedsEscape(word)) {
        at += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(*at++);
    if (!kNeedsEscape[c]) continue;
    const auto run = static_cast<std::size_t>(at - 1 - plain);
    std::memcpy(p, plain, run);
    p += run;
    plain = at;
    *p++ = '\\';
    switch (c) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      case '\b': *p++ = 'b'; break;
      case '\f': *p++ = 'f'; break;
      default:
        *p++ = 'u';
        *p++ = '0';
        *p++ = '0';
        *p++ = kHex[c >> 4];
        *p++ = kHex[c & 0xf];
    }
  }
  if (end != plain) {  // (an empty view may have no data pointer at all)
    std::memcpy(p, plain, static_cast<std::size_t>(end - plain));
    p += end - plain;
  }
  *p++ = '"';
  size_ += static_cast<std::size_t>(p - begin);
}

}  // namespace ucf::json
