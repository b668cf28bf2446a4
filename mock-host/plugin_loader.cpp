#include "mock-host/plugin_loader.hpp"

#include <algorithm>
#include <system_error>

namespace ucf::host {
namespace {

std::string versionText(const sdk::AbiVersion& v) { return std::to_string(v.major) + "." + std::to_string(v.minor); }

std::optional<LoadedPlugin> loadOne(const std::filesystem::path& path, const ContextFactory& makeContext,
                                    const Unregister& unregister, sdk::Logger& logger) {
  auto fail = [&](const std::string& why) {
    logger.log(sdk::LogLevel::kError, "plugin " + path.string() + " not loaded: " + why);
    return std::nullopt;
  };
  LoadedPlugin loaded;
  loaded.path = path;
  std::error_code ec;
  loaded.library.load(boost::dll::fs::path(path), boost::dll::load_mode::default_mode, ec);
  if (ec) return fail("cannot load the library (" + ec.message() + ")");
  if (!loaded.library.has(sdk::kAbiVersionSymbol)) {
    return fail(std::string("it exports no ") + sdk::kAbiVersionSymbol);
  }
  const auto& version = loaded.library.get<const sdk::AbiVersion>(sdk::kAbiVersionSymbol);
  if (version.major != sdk::kAbiVersion.major) {
    return fail("plugin ABI version " + versionText(version) + " is incompatible with host ABI version " +
                versionText(sdk::kAbiVersion) + " (majors differ)");
  }
  if (!loaded.library.has(sdk::kFactorySymbol)) return fail(std::string("it exports no ") + sdk::kFactorySymbol);
  try {
    auto& factory = loaded.library.get_alias<sdk::PluginFactory>(sdk::kFactorySymbol);
    loaded.plugin = factory();
  } catch (const std::exception& e) {
    return fail(std::string("its factory threw: ") + e.what());
  } catch (...) {
    return fail("its factory threw");
  }
  if (!loaded.plugin) return fail("its factory returned nothing");
  try {
    loaded.id = loaded.plugin->id();
    loaded.context = makeContext(loaded.id);
    sdk::StartResult started = loaded.plugin->start(*loaded.context);
    if (!started.ok) {
      unregister(loaded.id);
      return fail("start failed: " + started.error + "; unloaded");
    }
  } catch (const std::exception& e) {
    unregister(loaded.id);
    return fail(std::string("start threw: ") + e.what() + "; unloaded");
  } catch (...) {
    unregister(loaded.id);
    return fail("start threw; unloaded");
  }
  logger.log(sdk::LogLevel::kInfo, "plugin " + loaded.id + " (ABI " + versionText(version) + ") started from " +
                                       path.string());
  return loaded;
}

}  // namespace

LoadedPlugin::~LoadedPlugin() {
  // Objects made by the library die before it is unloaded (members after `library` go first,
  // but be explicit about the order that matters).
  plugin.reset();
  context.reset();
}

std::vector<LoadedPlugin> loadPlugins(const std::filesystem::path& folder, const ContextFactory& makeContext,
                                      const Unregister& unregister, sdk::Logger& logger) {
  std::vector<LoadedPlugin> out;
  std::error_code ec;
  std::vector<std::filesystem::path> candidates;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".so") candidates.push_back(entry.path());
  }
  if (ec) {
    logger.log(sdk::LogLevel::kWarning, "plugin folder " + folder.string() + " cannot be read: " + ec.message());
    return out;
  }
  std::sort(candidates.begin(), candidates.end());
  for (const auto& path : candidates) {
    if (auto loaded = loadOne(path, makeContext, unregister, logger)) out.push_back(std::move(*loaded));
  }
  return out;
}

void unloadPlugins(std::vector<LoadedPlugin>& plugins, const Unregister& unregister, sdk::Logger& logger) {
  while (!plugins.empty()) {
    LoadedPlugin& last = plugins.back();
    unregister(last.id);
    last.plugin->stop();
    logger.log(sdk::LogLevel::kInfo, "plugin " + last.id + " stopped and unloaded");
    plugins.pop_back();
  }
}

}  // namespace ucf::host
