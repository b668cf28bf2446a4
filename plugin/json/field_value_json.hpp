#pragma once

#include <optional>

#include <boost/json/value.hpp>

#include "plugin/domain/form_data.hpp"
#include "plugin/json/json_writer.hpp"

namespace ucf::json {

/// Writes a form value as the next JSON value of `out`.
void writeFieldValue(JsonWriter& out, const domain::FieldValue& value);

/// The form value of a JSON scalar; nullopt for an object, an array, or a number beyond double's
/// range (which Boost.JSON reads as infinity).
std::optional<domain::FieldValue> fromJson(const boost::json::value& value);

}  // namespace ucf::json
