#pragma once

#include <string>
#include <vector>

#include "reference/field_codes.hpp"

namespace ucf::domain {

/// One failing member of a form, as the 422 `errors[]` lists it.
struct FieldError {
  std::string field;    ///< Dotted name (`contact.mobile`) or `attachments.<slot>`.
  std::string code;     ///< One of the codes below.
  std::string message;  ///< A sentence for people (Chinese, as the page shows it beside the field).

  friend bool operator==(const FieldError&, const FieldError&) = default;
};

/// The closed set of field error codes (shared with the host's own 422s).
namespace field_code = reference::field_code;

/// Errors of one form check, in field order.
using FieldErrors = std::vector<FieldError>;

}  // namespace ucf::domain
