#pragma once

#include <concepts>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/persistence/sql_columns.hpp"

namespace ucf::adapters {

/// The SqlValue a C++ value binds as: text as text, every integer (and bool, as 0 or 1) as a
/// 64-bit integer, an empty optional as NULL.
inline SqlValue sqlValue(std::string value) { return value; }
inline SqlValue sqlValue(std::string_view value) { return std::string(value); }
inline SqlValue sqlValue(const char* value) { return std::string(value); }
inline SqlValue sqlValue(std::integral auto value) { return static_cast<Poco::Int64>(value); }
inline SqlValue sqlValue(NullableText value) { return value; }
inline SqlValue sqlValue(NullableInt value) { return value; }
inline SqlValue sqlValue(Poco::Data::BLOB value) { return value; }
inline SqlValue sqlValue(const std::optional<std::string>& value) {
  return value ? NullableText(*value) : NullableText();
}
template <std::integral T>
SqlValue sqlValue(const std::optional<T>& value) {
  return value ? NullableInt(static_cast<Poco::Int64>(*value)) : NullableInt();
}

/// The values of one statement, `$1..$n` in argument order: positions come from the parameter
/// pack, so they never depend on the order in which the arguments were evaluated.
template <typename... Args>
std::vector<SqlValue> sqlValues(Args&&... args) {
  std::vector<SqlValue> values;
  values.reserve(sizeof...(args));
  (values.push_back(sqlValue(std::forward<Args>(args))), ...);  // a fold over `,`: left to right
  return values;
}

/// A statement whose conditions depend on which filters a caller set (the lists). Each `add`
/// appends one fragment together with the one value its `?` marks stand for, numbered `$n` at
/// that moment: a value and its placeholder are appended in the same call, so nothing can bind
/// a value to another placeholder. `add` returns nothing, so two cannot share an expression.
class SqlText {
 public:
  /// `head`: literal SQL whose placeholders are `$1..$k`, bound to `values` in order.
  template <typename... Args>
  explicit SqlText(std::string head, Args&&... values)
      : sql_(std::move(head)), values_(sqlValues(std::forward<Args>(values)...)) {}

  /// Appends SQL without a value.
  void add(std::string_view fragment) {
    if (fragment.find('?') != std::string_view::npos) throw std::logic_error("a `?` with no value to bind");
    sql_ += fragment;
  }
  /// Appends `fragment`, each `?` of which becomes the placeholder of `value` (there must be one).
  template <typename T>
  void add(std::string_view fragment, T&& value) {
    values_.push_back(sqlValue(std::forward<T>(value)));
    const std::string placeholder = "$" + std::to_string(values_.size());
    bool used = false;
    for (char c : fragment) {
      if (c == '?') {
        sql_ += placeholder;
        used = true;
      } else {
        sql_.push_back(c);
      }
    }
    if (!used) throw std::logic_error("a value with no `?` to bind it to");
  }

  [[nodiscard]] const std::string& sql() const { return sql_; }
  [[nodiscard]] std::vector<SqlValue>& values() { return values_; }

 private:
  std::string sql_;
  std::vector<SqlValue> values_;
};

}  // namespace ucf::adapters
