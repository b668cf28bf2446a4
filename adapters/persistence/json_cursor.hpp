#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ucf::adapters {

/// Reads one JSON document front to back, value by value, without building a tree: the stored
/// filing is decoded straight into the domain's objects (filing_codec.cpp), which a parse into a
/// Boost.JSON DOM first cost as much again as building them. It reads what Boost.JSON's
/// serializer writes (RFC 8259; numbers here are integers only) and throws std::runtime_error
/// naming what it expected on anything else. Bytes of 0x80 and above are copied as they are: the
/// document is this adapter's own, written from strings already checked as UTF-8 (and a
/// PostgreSQL TEXT column holds nothing else). Not thread-safe; the text must outlive it.
class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) : text_(text) {}

  /// Consumes `{`. Then, while member(key) is true, read the member's value.
  void beginObject();
  /// The next member's key (valid until the next read), or false having consumed the `}`.
  bool member(std::string_view& key);

  /// Consumes `[`. Then, while element() is true, read one element.
  void beginArray();
  bool element();

  /// The next value's first character, without consuming it (after white space).
  char peek();
  /// Consumes `null` and returns true if that is the next value.
  bool null();
  bool boolean();
  std::int64_t integer();
  std::string string();

  /// Only white space is left.
  void end();

  [[noreturn]] void fail(std::string_view expected) const;

 private:
  void expect(char c);
  void literal(std::string_view word);
  // Reads a string's contents after its opening quote into `out` (cleared first).
  void stringInto(std::string& out);
  void escapeInto(std::string& out);
  unsigned hex4();

  std::string_view text_;
  std::size_t at_ = 0;
  bool first_ = false;  // just after `{` or `[`: the next member or element has no comma before it
  std::string key_;     // a key with escapes, decoded
};

}  // namespace ucf::adapters
