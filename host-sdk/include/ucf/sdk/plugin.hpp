#pragma once

#include <memory>
#include <string>

#include "ucf/sdk/abi_version.hpp"
#include "ucf/sdk/host_context.hpp"

namespace ucf::sdk {

/// Outcome of `Plugin::start`: no exception crosses the boundary.
struct StartResult {
  bool ok = true;
  std::string error;  ///< Why the start failed; logged by the host.
};

/// A feature the host loads at run time.
///
/// Lifecycle: the host reads the exported ABI version, creates the plugin with the factory,
/// calls `start` once, serves requests, then on shutdown stops its HTTP server, removes the
/// plugin's routes, calls `stop` once, destroys the object and only then unloads the library.
/// A plugin whose `start` fails is destroyed and unloaded at once; the host keeps serving.
class Plugin {
 public:
  virtual ~Plugin() = default;

  /// Stable id, e.g. `used-car-filing`; names its configuration section and data file.
  [[nodiscard]] virtual std::string id() const = 0;

  /// Registers menu entries and routes, runs migrations. `context` outlives the plugin's use of it
  /// (until `stop` returns). Reports failure through the result; should not throw, but a host
  /// treats an exception like a failed result (it unloads the plugin and keeps serving).
  virtual StartResult start(HostContext& context) = 0;

  /// Releases what `start` acquired (database sessions, threads). After it returns the host calls
  /// no handler of this plugin. Must not throw.
  virtual void stop() noexcept = 0;
};

/// Signature of the factory a plugin exports:
///
///     extern "C" BOOST_SYMBOL_EXPORT const ucf::sdk::AbiVersion ucf_plugin_abi_version;
///     const ucf::sdk::AbiVersion ucf_plugin_abi_version = ucf::sdk::kAbiVersion;
///     std::unique_ptr<ucf::sdk::Plugin> create() { ... }
///     BOOST_DLL_ALIAS(create, ucf_create_plugin)
///
/// The returned object's code lives in the plugin's library: the host destroys it before unloading.
using PluginFactory = std::unique_ptr<Plugin>();

}  // namespace ucf::sdk
