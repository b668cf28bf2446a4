#pragma once

#include <map>
#include <optional>
#include <string>

namespace ucf::sdk {

/// The plugin's own section of the host configuration: flat `key = value` strings.
/// A plain value, copied into the plugin's start context.
struct PluginConfig {
  std::map<std::string, std::string> values;

  /// The value of `key`, if the operator set one.
  [[nodiscard]] std::optional<std::string> get(const std::string& key) const {
    auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    return it->second;
  }
};

}  // namespace ucf::sdk
