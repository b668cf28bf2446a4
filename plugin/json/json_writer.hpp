#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ucf::json {

/// Writes a JSON document straight into a string, in order, without building a tree: the read
/// routes' responses (a filing's detail, list rows, history) are written this way because the
/// tree and its serialisation cost several times a whole `/healthz` request (docs/BENCHMARKS.md).
/// The writer places the commas; the caller is responsible for the shape (a key before each
/// member value, balanced begin/end). Strings are escaped per RFC 8259 and are expected to be
/// UTF-8 (every string the plugin stores was checked when it came in). Numbers are written in
/// their shortest round-trip form; a non-finite double is written as null.
class JsonWriter {
 public:
  JsonWriter() = default;

  JsonWriter& beginObject() { return open('{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray() { return open('['); }
  JsonWriter& endArray() { return close(']'); }

  /// A member name; the next call writes its value.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(double number);
  JsonWriter& value(bool flag);
  JsonWriter& null();
  /// The value, or null when absent.
  template <typename T>
  JsonWriter& value(const std::optional<T>& maybe) {
    return maybe ? value(*maybe) : null();
  }

  /// `key(name).value(v)`.
  template <typename T>
  JsonWriter& member(std::string_view name, const T& v) {
    return key(name).value(v);
  }
  JsonWriter& nullMember(std::string_view name) { return key(name).null(); }

  /// Text that is already a complete JSON value (for example a serialised sub-document).
  JsonWriter& raw(std::string_view json);

  /// The document written so far; the writer is empty afterwards.
  std::string take() {
    std::string document(data_.get(), size_);
    size_ = 0;
    return document;
  }
  [[nodiscard]] std::string_view text() const { return {data_.get(), size_}; }

 private:
  JsonWriter& open(char bracket);
  JsonWriter& scalar(std::string_view text);  // a value that needs no quoting
  JsonWriter& close(char bracket);
  void separate() {
    if (needComma_) put(',');
  }
  // The buffer is grown by hand: std::string would zero what it adds before it is written.
  char* room(std::size_t bytes) {
    if (capacity_ - size_ < bytes) grow(bytes);
    return data_.get() + size_;
  }
  void put(char c) {
    *room(1) = c;
    ++size_;
  }
  void put(std::string_view text) {
    if (text.empty()) return;  // (an empty view may have no data pointer at all)
    std::memcpy(room(text.size()), text.data(), text.size());
    size_ += text.size();
  }
  void grow(std::size_t bytes);
  void quoted(std::string_view text);

  static constexpr std::size_t kInitialCapacity = 4096;  // a filing's detail is 3-8 KB

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  bool needComma_ = false;  // a value was written in the current object or array
};

}  // namespace ucf::json
