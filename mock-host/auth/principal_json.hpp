#pragma once

#include <optional>
#include <string_view>

#include <boost/json/object.hpp>

#include "ucf/sdk/principal.hpp"

namespace ucf::host::auth {

/// The principal as the host's endpoints show it (docs/PRODUCT.md §7): {userId, account, displayName,
/// kind, roles, uscc, enterpriseName, verified, provinceCode}; empty fields are null.
boost::json::object principalToJson(const sdk::Principal& principal);

/// The principal of `principalToJson`'s output (as stored with a session); nullopt when the
/// text is not one.
std::optional<sdk::Principal> principalFromJson(std::string_view text);

}  // namespace ucf::host::auth
