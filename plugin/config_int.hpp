#pragma once

#include <charconv>
#include <stdexcept>
#include <string>

#include "ucf/sdk/plugin_config.hpp"

namespace ucf {

/// The whole number the operator set for `key` in the plugin's configuration, or `fallback` when
/// it is not set. Anything else — "abc", "12x", "", a number outside [min, max] — throws
/// std::invalid_argument naming the key, the value and the range, so that the plugin refuses to
/// start with that message instead of running with a value nobody chose.
inline int configInt(const sdk::PluginConfig& config, const std::string& key, int fallback, int min, int max) {
  const auto text = config.get(key);
  if (!text) return fallback;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    throw std::invalid_argument("configuration " + key + " must be a whole number from " + std::to_string(min) +
                                " to " + std::to_string(max) + ", not \"" + *text + "\"");
  }
  return value;
}

}  // namespace ucf
