#include "adapters/persistence/json_cursor.hpp"

#include <array>
#include <charconv>
#include <stdexcept>

namespace ucf::adapters {
namespace {

bool isSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// The bytes that end a run of plain string content: the quote, the backslash, control characters.
constexpr std::array<bool, 256> kStringStop = [] {
  std::array<bool, 256> stop{};
  for (int c = 0; c < 0x20; ++c) stop[static_cast<std::size_t>(c)] = true;
  stop['"'] = stop['\\'] = true;
  return stop;
}();

void appendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

void JsonCursor::fail(std::string_view expected) const {
  throw std::runtime_error("stored JSON: expected " + std::string(expected) + " at offset " + std::to_string(at_));
}

char JsonCursor::peek() {
  while (at_ < text_.size() && isSpace(text_[at_])) ++at_;
  if (at_ == text_.size()) fail("a value");
  return text_[at_];
}

void JsonCursor::expect(char c) {
  if (peek() != c) fail(std::string(1, c));
  ++at_;
}

void JsonCursor::literal(std::string_view word) {
  if (text_.substr(at_, word.size()) != word) fail(word);
  at_ += word.size();
}

void JsonCursor::beginObject() {
  expect('{');
  first_ = true;
}

void JsonCursor::beginArray() {
  expect('[');
  first_ = true;
}

bool JsonCursor::member(std::string_view& key) {
  if (peek() == '}') {
    ++at_;
    first_ = false;
    return false;
  }
  if (!first_) expect(',');
  first_ = false;
  expect('"');
  // A key without escapes (all the keys this adapter writes) is a view of the text itself.
  std::size_t end = at_;
  while (end < text_.size() && !kStringStop[static_cast<unsigned char>(text_[end])]) ++end;
  if (end < text_.size() && text_[end] == '"') {
    key = text_.substr(at_, end - at_);
    at_ = end + 1;
  } else {
    stringInto(key_);
    key = key_;
  }
  expect(':');
  return true;
}

bool JsonCursor::element() {
  if (peek() == ']') {
    ++at_;
    first_ = false;
    return false;
  }
  if (!first_) expect(',');
  first_ = false;
  return true;
}

bool JsonCursor::null() {
  if (peek() != 'n') return false;
  literal("null");
  return true;
}

bool JsonCursor::boolean() {
  if (peek() == 't') {
    literal("true");
    return true;
  }
  if (text_[at_] != 'f') fail("true or false");
  literal("false");
  return false;
}

std::int64_t JsonCursor::integer() {
  peek();
  std::int64_t value = 0;
  const char* begin = text_.data() + at_;
  const char* end = text_.data() + text_.size();
  // JSON has no leading `+` and no leading zeros; from_chars accepts the latter.
  const char* digits = begin + (begin != end && *begin == '-' ? 1 : 0);
  if (digits == end || *digits < '0' || *digits > '9' ||
      (*digits == '0' && digits + 1 != end && digits[1] >= '0' && digits[1] <= '9')) {
    fail("an integer");
  }
  const auto [next, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || (next != end && (*next == '.' || *next == 'e' || *next == 'E'))) fail("an integer");
  at_ += static_cast<std::size_t>(next - begin);
  return value;
}

std::string JsonCursor::string() {
  expect('"');
  std::string out;
  stringInto(out);
  return out;
}

void JsonCursor::stringInto(std::string& out) {
  out.clear();
  for (;;) {
    // Copy the run up to the next quote, backslash or control character at once.
    std::size_t run = at_;
    while (run < text_.size() && !kStringStop[static_cast<unsigned char>(text_[run])]) ++run;
    out.append(text_.data() + at_, run - at_);
    at_ = run;
    if (at_ == text_.size()) fail("the end of a string");
    const char c = text_[at_++];
    if (c == '"') return;
    if (c != '\\') fail("no control character in a string");
    escapeInto(out);
  }
}

unsigned JsonCursor::hex4() {
  if (text_.size() - at_ < 4) fail("four hex digits");
  unsigned value = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = text_[at_++];
    value <<= 4;
    if (c >= '0' && c <= '9') {
      value |= static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      value |= static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      value |= static_cast<unsigned>(c - 'A' + 10);
    } else {
      fail("four hex digits");
    }
  }
  return value;
}

void JsonCursor::escapeInto(std::string& out) {
  if (at_ == text_.size()) fail("an escape");
  switch (text_[at_++]) {
    case '"': out.push_back('"'); return;
    case '\\': out.push_back('\\'); return;
    case '/': out.push_back('/'); return;
    case 'b': out.push_back('\b'); return;
    case 'f': out.push_back('\f'); return;
    case 'n': out.push_back('\n'); return;
    case 'r': out.push_back('\r'); return;
    case 't': out.push_back('\t'); return;
    case 'u': break;
    default: fail("an escape");
  }
  unsigned cp = hex4();
  if (cp >= 0xDC00 && cp <= 0xDFFF) fail("a high surrogate first");
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    literal("\\u");
    const unsigned low = hex4();
    if (low < 0xDC00 || low > 0xDFFF) fail("a low surrogate");
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
  }
  appendUtf8(out, cp);
}

void JsonCursor::end() {
  while (at_ < text_.size() && isSpace(text_[at_])) ++at_;
  if (at_ != text_.size()) fail("the end of the document");
}

}  // namespace ucf::adapters
