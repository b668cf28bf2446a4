#pragma once

#include <boost/json/value.hpp>

#include "plugin/domain/field_error.hpp"
#include "plugin/domain/form_data.hpp"
#include "plugin/json/json_writer.hpp"

namespace ucf::rest {

/// A request body of the form (docs/PRODUCT.md §6: the form object itself, nested objects for `address`,
/// `businessTerm`, `contact`) flattened to dotted names. Members the form does not have, and
/// nested members of the wrong JSON shape, are listed in `errors` (never silently dropped).
/// A nested object set to `null` clears each of its members.
domain::FormData formFromJson(const boost::json::value& body, domain::FieldErrors& errors);

/// A flat form's members as the nested members of the API's JSON object (`address`,
/// `businessTerm`, `contact` as objects), written into the object `out` has open. `skip` names
/// a top-level member left out (one the caller writes itself).
void writeFormMembers(json::JsonWriter& out, const domain::FormData& form, std::string_view skip = {});

}  // namespace ucf::rest
