#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ucf/sdk/abi_version.hpp"
#include "ucf/sdk/menu_registry.hpp"

namespace ucf::host {

/// What a plugin declares about itself in its `ucf_plugin_meta` section (UCF_PLUGIN_METADATA):
/// read from the file before the library is loaded, so no plugin code runs to get it.
struct PluginMetadata {
  /// A menu entry the host adds for the plugin, under `parent`.
  struct MenuEntry {
    std::string parent;
    sdk::MenuItem item;
  };

  std::string id;
  std::string version;
  sdk::AbiVersion abi{0, 0};
  std::vector<MenuEntry> menu;
  std::vector<std::string> needs;  ///< Host services it uses: principal, clock, logger, ...
  std::string text;                ///< The JSON as the plugin wrote it.
};

/// Reads and checks the metadata of the plugin file `path`; throws std::runtime_error naming
/// what is missing or malformed.
PluginMetadata readPluginMetadata(const std::filesystem::path& path);

/// The metadata as `mock-host inspect` prints it, one fact a line.
std::string describe(const PluginMetadata& metadata);

/// "major.minor".
std::string versionText(const sdk::AbiVersion& version);

}  // namespace ucf::host
