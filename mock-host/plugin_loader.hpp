#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/dll/shared_library.hpp>

#include "mock-host/plugin_metadata.hpp"
#include "ucf/abi/host_bridge.hpp"
#include "ucf/abi/ucf_plugin.h"
#include "ucf/sdk/host_context.hpp"
#include "ucf/sdk/logger.hpp"

namespace ucf::host {

/// The plugin's instance, destroyed through the plugin's own `destroy`.
struct PluginInstance {
  const ucf_plugin_api* api = nullptr;
  void* instance = nullptr;
  PluginInstance(const ucf_plugin_api* a, void* i) : api(a), instance(i) {}
  PluginInstance(const PluginInstance&) = delete;
  PluginInstance& operator=(const PluginInstance&) = delete;
  ~PluginInstance() { api->destroy(instance); }
};

/// A plugin the host has loaded and started. Member order is the teardown order in reverse:
/// the library is declared first so that it is unloaded last, after the instance made from it
/// and the adapters over its handlers.
struct LoadedPlugin {
  boost::dll::shared_library library;
  std::unique_ptr<sdk::HostContext> context;
  std::unique_ptr<abi::HostBridge> bridge;
  std::unique_ptr<PluginInstance> instance;
  PluginMetadata metadata;
  std::filesystem::path path;
  std::string id;

  LoadedPlugin() = default;
  LoadedPlugin(LoadedPlugin&&) = default;
  LoadedPlugin& operator=(LoadedPlugin&&) = default;
  ~LoadedPlugin();
};

/// Makes the context a plugin starts with, once its id is known.
using ContextFactory = std::function<std::unique_ptr<sdk::HostContext>(const std::string& pluginId)>;

/// Undoes what a plugin registered (its routes, menu entries and services), by plugin id.
using Unregister = std::function<void(const std::string& pluginId)>;

/// Adds the menu a plugin's metadata declares, for the plugin id; throws std::invalid_argument.
using AddMenu = std::function<void(const PluginMetadata& metadata)>;

/// What the loader needs from the host.
struct LoaderDeps {
  ContextFactory makeContext;
  Unregister unregister;
  AddMenu addMenu;
  sdk::Logger& logger;
  sdk::AbiVersion hostAbi = sdk::kAbiVersion;  ///< The ABI this host implements.
};

/// Loads every `*.so` in `folder` (sorted by name): reads its metadata from the file first and
/// refuses another major or a newer minor (logging both versions) before any plugin code runs,
/// then loads the library, takes its table from `ucf_plugin_entry`, adds its menu, creates and
/// starts it, and unloads any that fails, logging why. Never throws for a bad plugin.
std::vector<LoadedPlugin> loadPlugins(const std::filesystem::path& folder, const LoaderDeps& deps);

/// Stops and unloads `plugins` in reverse order of loading. The caller has already stopped
/// serving requests; `unregister` removes each plugin's routes and services before its `stop`.
void unloadPlugins(std::vector<LoadedPlugin>& plugins, const Unregister& unregister, sdk::Logger& logger);

}  // namespace ucf::host
