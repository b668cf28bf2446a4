#include "mock-host/plugin_loader.hpp"

#include <algorithm>
#include <system_error>

namespace ucf::host {
namespace {

// The plugin table as ABI 2.0 first defined it: a plugin table shorter than this is refused.
constexpr std::size_t kMinimalPluginApiSize = offsetof(ucf_plugin_api, destroy) + sizeof(ucf_plugin_api::destroy);

std::optional<LoadedPlugin> loadOne(const std::filesystem::path& path, const LoaderDeps& deps) {
  auto fail = [&](const std::string& why) {
    deps.logger.log(sdk::LogLevel::kError, "plugin " + path.string() + " not loaded: " + why);
    return std::nullopt;
  };
  LoadedPlugin loaded;
  loaded.path = path;
  try {
    loaded.metadata = readPluginMetadata(path);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  const sdk::AbiVersion& version = loaded.metadata.abi;
  if (version.major != deps.hostAbi.major) {
    return fail("plugin ABI version " + versionText(version) + " is incompatible with host ABI version " +
                versionText(deps.hostAbi) + " (majors differ)");
  }
  if (version.minor > deps.hostAbi.minor) {
    return fail("plugin ABI version " + versionText(version) + " is newer than host ABI version " +
                versionText(deps.hostAbi) + " (the plugin may use what this host lacks)");
  }
  loaded.id = loaded.metadata.id;
  std::error_code ec;
  loaded.library.load(boost::dll::fs::path(path), boost::dll::load_mode::default_mode, ec);
  if (ec) return fail("cannot load the library (" + ec.message() + ")");
  if (!loaded.library.has(UCF_PLUGIN_ENTRY_SYMBOL)) return fail("it exports no " UCF_PLUGIN_ENTRY_SYMBOL);
  const ucf_plugin_api* api = loaded.library.get<const ucf_plugin_api*()>(UCF_PLUGIN_ENTRY_SYMBOL)();
  if (api == nullptr || api->size < kMinimalPluginApiSize) return fail("its plugin table is missing or too short");
  if (api->abi_major != version.major || api->abi_minor != version.minor) {
    return fail("its table says ABI " + versionText({api->abi_major, api->abi_minor}) + " but its metadata " +
                versionText(version));
  }
  abi::StringSink error;
  void* instance = nullptr;
  if (api->create(&instance, &error.sink) != UCF_OK) return fail("create failed: " + error.text);
  loaded.instance = std::make_unique<PluginInstance>(api, instance);
  try {
    loaded.context = deps.makeContext(loaded.id);
    loaded.bridge = std::make_unique<abi::HostBridge>(*loaded.context);
    deps.addMenu(loaded.metadata);
  } catch (const std::exception& e) {
    deps.unregister(loaded.id);
    return fail(std::string("its menu or context was refused: ") + e.what());
  }
  if (api->start(instance, loaded.bridge->api(), &error.sink) != UCF_OK) {
    deps.unregister(loaded.id);
    return fail("start failed: " + error.text + "; unloaded");
  }
  deps.logger.log(sdk::LogLevel::kInfo, "plugin " + loaded.id + " " + loaded.metadata.version + " (ABI " +
                                            versionText(version) + ") started from " + path.string());
  return loaded;
}

}  // namespace

LoadedPlugin::~LoadedPlugin() {
  // What the library made dies before it is unloaded (members after `library` go first, but be
  // explicit about the order that matters): the instance, then the adapters over its handlers.
  instance.reset();
  bridge.reset();
  context.reset();
}

std::vector<LoadedPlugin> loadPlugins(const std::filesystem::path& folder, const LoaderDeps& deps) {
  std::vector<LoadedPlugin> out;
  std::error_code ec;
  std::vector<std::filesystem::path> candidates;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".so") candidates.push_back(entry.path());
  }
  if (ec) {
    deps.logger.log(sdk::LogLevel::kWarning, "plugin folder " + folder.string() + " cannot be read: " + ec.message());
    return out;
  }
  std::sort(candidates.begin(), candidates.end());
  for (const auto& path : candidates) {
    if (auto loaded = loadOne(path, deps)) out.push_back(std::move(*loaded));
  }
  return out;
}

void unloadPlugins(std::vector<LoadedPlugin>& plugins, const Unregister& unregister, sdk::Logger& logger) {
  while (!plugins.empty()) {
    LoadedPlugin& last = plugins.back();
    unregister(last.id);
    last.instance->api->stop(last.instance->instance);
    logger.log(sdk::LogLevel::kInfo, "plugin " + last.id + " stopped and unloaded");
    plugins.pop_back();
  }
}

}  // namespace ucf::host
