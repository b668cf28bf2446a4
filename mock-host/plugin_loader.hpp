#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/dll/shared_library.hpp>

#include "ucf/sdk/host_context.hpp"
#include "ucf/sdk/logger.hpp"
#include "ucf/sdk/plugin.hpp"

namespace ucf::host {

/// A plugin the host has loaded and started. Member order is the teardown order in reverse:
/// the library is declared first so that it is unloaded last, after the object made from it.
struct LoadedPlugin {
  boost::dll::shared_library library;
  std::unique_ptr<sdk::HostContext> context;
  std::unique_ptr<sdk::Plugin> plugin;
  std::filesystem::path path;
  std::string id;

  LoadedPlugin() = default;
  LoadedPlugin(LoadedPlugin&&) = default;
  LoadedPlugin& operator=(LoadedPlugin&&) = default;
  ~LoadedPlugin();
};

/// Makes the context a plugin starts with, once its id is known.
using ContextFactory = std::function<std::unique_ptr<sdk::HostContext>(const std::string& pluginId)>;

/// Undoes what a plugin registered (its routes and menu entries), by plugin id.
using Unregister = std::function<void(const std::string& pluginId)>;

/// Loads every `*.so` in `folder` (sorted by name): reads the ABI version first and refuses
/// another major (logging both versions), creates the plugin with its factory, starts it, and
/// unloads any that fails, logging why. Never throws for a bad plugin; the rest load.
std::vector<LoadedPlugin> loadPlugins(const std::filesystem::path& folder, const ContextFactory& makeContext,
                                      const Unregister& unregister, sdk::Logger& logger);

/// Stops and unloads `plugins` in reverse order of loading. The caller has already stopped
/// serving requests; `unregister` removes each plugin's routes before its `stop`.
void unloadPlugins(std::vector<LoadedPlugin>& plugins, const Unregister& unregister, sdk::Logger& logger);

}  // namespace ucf::host
