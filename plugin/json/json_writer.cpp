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

// Escapes [at, end) into `p` and returns the end of what it wrote: the slow path, from the first
// 8 bytes that hold something to escape. Room for every byte as \u00XX is already reserved.
char* escapeRest(const char* at, const char* const end, char* p) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char* plain = at;  // start of the run of bytes that need no escape
  while (at < end) {
    if (end - at >= 8) {  // skip 8 bytes at a time where nothing needs escaping
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
  if (end != plain) {
    std::memcpy(p, plain, static_cast<std::size_t>(end - plain));
    p += end - plain;
  }
  return p;
}

}  // namespace

// Most strings (hundreds per detail) have nothing to escape: they are checked and copied in the
// same pass, 8 bytes at a time with fixed-size loads and stores (no library memcpy call), the
// last 8 bytes overlapping the previous word; strings shorter than 8 bytes go byte by byte, as
// reading a whole word would read past them. The first word holding something to escape hands
// the rest to escapeRest.
void JsonWriter::quoted(std::string_view text) {
  const std::size_t n = text.size();
  char* const begin = room(n * 6 + 2);  // the worst case: every byte as \u00XX
  *begin = '"';
  char* const out = begin + 1;
  const char* const in = text.data();
  std::size_t i = 0;
  if (n >= 8) {
    std::uint64_t word;
    for (; i + 8 <= n; i += 8) {
      std::memcpy(&word, in + i, sizeof word);
      if (anyNeedsEscape(word)) break;
      std::memcpy(out + i, &word, sizeof word);
    }
    if (i < n && i + 8 > n) {  // every whole word was clean: the tail, as the last 8 bytes
      std::memcpy(&word, in + n - 8, sizeof word);
      if (!anyNeedsEscape(word)) {
        std::memcpy(out + n - 8, &word, sizeof word);
        i = n;
      }
    }
  } else {
    for (; i < n && !kNeedsEscape[static_cast<unsigned char>(in[i])]; ++i) out[i] = in[i];
  }
  char* p = i == n ? out + n : escapeRest(in + i, in + n, out + i);
  *p++ = '"';
  size_ += static_cast<std::size_t>(p - begin);
}

}  // namespace ucf::json
