#pragma once

#include "ucf/sdk/clock.hpp"
#include "ucf/sdk/data_source.hpp"
#include "ucf/sdk/logger.hpp"
#include "ucf/sdk/menu_registry.hpp"
#include "ucf/sdk/notifier.hpp"
#include "ucf/sdk/plugin_config.hpp"
#include "ucf/sdk/route_registry.hpp"
#include "ucf/sdk/service.hpp"

namespace ucf::sdk {

/// What the host offers a plugin. Owned by the host.
/// `menu()`, `routes()` and `services()` may be used only during `Plugin::start`; `clock()` and `logger()`
/// stay valid (and are thread-safe) until `Plugin::stop` returns. The principal of a request
/// is not here but on the request itself (`HttpRequest::principal`).
class HostContext {
 public:
  virtual ~HostContext() = default;

  virtual MenuRegistry& menu() = 0;                  ///< The platform menu.
  virtual RouteRegistry& routes() = 0;               ///< The HTTP routing table.
  virtual const Clock& clock() const = 0;            ///< The time source.
  virtual Logger& logger() = 0;                      ///< The log.
  virtual const PluginConfig& config() const = 0;    ///< This plugin's configuration section.
  virtual const DataSource& dataSource() const = 0;  ///< Where this plugin keeps its data.
  virtual Notifier& notifier() = 0;                  ///< Messages to people (docs/PRODUCT.md §7.2).
  virtual ServiceRegistry& services() = 0;           ///< Services the plugin offers the host.
};

}  // namespace ucf::sdk
