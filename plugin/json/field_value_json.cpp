#include "plugin/json/field_value_json.hpp"

#include <cmath>
#include <type_traits>

namespace ucf::json {

void writeFieldValue(JsonWriter& out, const domain::FieldValue& value) {
  std::visit(
      [&out](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, domain::Null>) {
          out.null();
        } else {
          out.value(v);
        }
      },
      value);
}

std::optional<domain::FieldValue> fromJson(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: return domain::FieldValue(domain::Null{});
    case boost::json::kind::bool_: return domain::FieldValue(value.get_bool());
    case boost::json::kind::int64: return domain::FieldValue(value.get_int64());
    case boost::json::kind::uint64: {
      // Beyond int64: keep it as a number so that range checks refuse it with a field error.
      return domain::FieldValue(static_cast<double>(value.get_uint64()));
    }
    case boost::json::kind::double_: {
      // A number beyond double's range (1e400) reads as infinity: not a value any field can hold,
      // and one no JSON document can carry back, so it is refused like a wrong type.
      if (!std::isfinite(value.get_double())) return std::nullopt;
      return domain::FieldValue(value.get_double());
    }
    case boost::json::kind::string: return domain::FieldValue(std::string(value.get_string()));
    case boost::json::kind::array:
    case boost::json::kind::object: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace ucf::json
