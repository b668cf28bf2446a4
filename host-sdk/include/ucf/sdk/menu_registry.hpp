#pragma once

#include <string>
#include <vector>

#include "ucf/sdk/principal.hpp"

namespace ucf::sdk {

/// One entry of the platform's left-hand menu contributed by a plugin.
struct MenuItem {
  std::string id;                ///< Unique across the host, e.g. `used-car-filing`.
  std::string label;             ///< Chinese label as the manual names it.
  std::string url;               ///< Page to open; empty for a group.
  std::vector<Role> visibleTo;   ///< Roles that see the entry; empty = every logged-in user.
  std::vector<MenuItem> children;
};

/// The host's menu, open to a plugin during `Plugin::start` only.
class MenuRegistry {
 public:
  virtual ~MenuRegistry() = default;

  /// Adds `item` under the existing entry `parentId` (e.g. `export-licence` for 出口许可证).
  /// The item is copied. Throws std::invalid_argument when the parent is unknown or the id taken.
  virtual void add(const std::string& parentId, const MenuItem& item) = 0;
};

}  // namespace ucf::sdk
