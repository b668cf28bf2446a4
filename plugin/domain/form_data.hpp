#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>

namespace ucf::domain {

/// JSON `null`.
struct Null {
  friend bool operator==(Null, Null) { return true; }
};

/// A form member's value as the client sent it (after JSON parsing, before any rule):
/// null, a boolean, an integer, a non-integral number, or a string. Keeping the JSON type lets
/// the validator refuse a wrong type with a field-level error instead of a parse error.
using FieldValue = std::variant<Null, bool, std::int64_t, double, std::string>;

/// The filing form, flat: dotted member name (`address.city`, `businessTerm.to`) → value.
/// A member that is absent from the map was not provided. Names are those of
/// `form_definition.hpp`; the REST layer refuses any other name before building one.
using FormData = std::map<std::string, FieldValue, std::less<>>;

/// The string value of `name`, or nullptr when absent or not a string.
inline const std::string* stringOf(const FormData& form, std::string_view name) {
  auto it = form.find(name);
  return it == form.end() ? nullptr : std::get_if<std::string>(&it->second);
}

}  // namespace ucf::domain
