#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mock-host/json_response.hpp"

namespace ucf::host::auth {

/// Field rules of the host's account forms (registration and dev provisioning). Each check
/// returns the problem of one member, named `field`, or nullopt when the value is acceptable.
/// Messages are Chinese, as the login page shows them beside the field.

/// An account name: 4–64 characters of ASCII letters, digits and `_ . @ -`, starting with a
/// letter or digit.
std::optional<FieldProblem> checkAccountName(std::string_view field, std::string_view value);

/// The username of a CA account, i.e. a certificate subject's CN: 1–64 characters (Chinese
/// names allowed), no control characters, no surrounding spaces.
std::optional<FieldProblem> checkCertificateUsername(std::string_view field, std::string_view value);

/// A password: 8–128 characters with at least one letter and one digit.
std::optional<FieldProblem> checkPassword(std::string_view field, std::string_view value);

/// The filing form's rule for the same datum (docs/PRODUCT.md §3, §9), as the host's own copy: `formField` is its
/// dotted name in the plugin's form (`enterpriseName`, `uscc`, `contact.name`, `contact.mobile`, `contact.email`),
/// `field` the name the host's request uses.
std::optional<FieldProblem> checkAsFormField(std::string_view field, std::string_view formField,
                                             const std::string& value);

/// One of the 31 mainland provincial codes (GB/T 2260).
std::optional<FieldProblem> checkProvinceCode(std::string_view field, std::string_view value);

}  // namespace ucf::host::auth
