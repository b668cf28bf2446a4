#pragma once

#include <string>

#include "ucf/sdk/abi_version.hpp"
#include "ucf/sdk/host_context.hpp"

namespace ucf::sdk {

/// Outcome of `Plugin::start`: no exception crosses the boundary.
struct StartResult {
  bool ok = true;
  std::string error;  ///< Why the start failed; logged by the host.
};

/// A feature the host loads at run time, written in C++ against HostContext. The plugin-side
/// wrapper (ucf/abi/plugin_entry.hpp, `UCF_DECLARE_PLUGIN(Class)`) carries it over the C boundary
/// of ucf/abi/ucf_plugin.h; docs/SDK.md has the whole lifecycle.
///
/// Lifecycle: the host reads the metadata from the file (no plugin code runs), loads the
/// library, creates the plugin (default constructor), calls `start` once, serves requests, then
/// on shutdown stops its HTTP server, removes the plugin's routes and services, calls `stop`
/// once, destroys the object and only then unloads the library. A plugin whose `start` fails is
/// destroyed and unloaded at once; the host keeps serving.
class Plugin {
 public:
  virtual ~Plugin() = default;

  /// Stable id, e.g. `used-car-filing`; the same as the metadata's id.
  [[nodiscard]] virtual std::string id() const = 0;

  /// Registers routes and services (the menu comes from the metadata), runs migrations.
  /// `context` outlives the plugin's use of it (until `stop` returns). Reports failure through
  /// the result; an exception is caught by the wrapper and treated like a failed result.
  virtual StartResult start(HostContext& context) = 0;

  /// Releases what `start` acquired (database sessions, threads). After it returns the host calls
  /// no handler of this plugin. Must not throw.
  virtual void stop() noexcept = 0;
};

}  // namespace ucf::sdk
