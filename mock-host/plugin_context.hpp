#pragma once

#include <string>

#include "mock-host/menu_tree.hpp"
#include "mock-host/route_table.hpp"
#include "mock-host/service_table.hpp"
#include "ucf/sdk/host_context.hpp"

namespace ucf::host {

/// The HostContext one plugin starts with (offered to it over the C boundary by abi::HostBridge):
/// registries that record the plugin as owner, and the host's clock, logger, the plugin's configuration section, data
/// source and notifier.
class PluginContext final : public sdk::HostContext {
 public:
  PluginContext(const std::string& pluginId, RouteTable& routes, MenuTree& menu, ServiceTable& services,
                const sdk::Clock& clock, sdk::Logger& logger, sdk::PluginConfig config, sdk::DataSource dataSource,
                sdk::Notifier& notifier)
      : routes_(routes, pluginId),
        menu_(menu, pluginId),
        services_(services, pluginId),
        clock_(clock),
        logger_(logger),
        config_(std::move(config)),
        dataSource_(std::move(dataSource)),
        notifier_(notifier) {}

  sdk::MenuRegistry& menu() override { return menu_; }
  sdk::RouteRegistry& routes() override { return routes_; }
  const sdk::Clock& clock() const override { return clock_; }
  sdk::Logger& logger() override { return logger_; }
  const sdk::PluginConfig& config() const override { return config_; }
  const sdk::DataSource& dataSource() const override { return dataSource_; }
  sdk::Notifier& notifier() override { return notifier_; }
  sdk::ServiceRegistry& services() override { return services_; }

 private:
  PluginRouteRegistry routes_;
  PluginMenuRegistry menu_;
  PluginServiceRegistry services_;
  const sdk::Clock& clock_;
  sdk::Logger& logger_;
  sdk::PluginConfig config_;
  sdk::DataSource dataSource_;
  sdk::Notifier& notifier_;
};

}  // namespace ucf::host
