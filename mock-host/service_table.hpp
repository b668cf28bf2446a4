#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "ucf/sdk/service.hpp"

namespace ucf::host {

/// The services plugins offer the host (e.g. `qualification`), by name. Written during start-up
/// and shutdown only; `find` is called concurrently by request threads.
class ServiceTable {
 public:
  /// Offers `service` under `name` for `owner`; throws std::invalid_argument when `name` is taken.
  void add(const std::string& name, sdk::Service& service, const std::string& owner);
  /// Removes every service of `owner`.
  void removeOwner(const std::string& owner);
  /// The service called `name`, or null. Valid while its plugin is loaded (the host unloads
  /// plugins only after the requests in flight are done).
  [[nodiscard]] sdk::Service* find(const std::string& name) const;

 private:
  struct Entry {
    std::string name;
    sdk::Service* service;
    std::string owner;
  };
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

/// The registry a plugin sees: ServiceTable::add with the plugin's id as owner.
class PluginServiceRegistry final : public sdk::ServiceRegistry {
 public:
  PluginServiceRegistry(ServiceTable& table, std::string owner) : table_(table), owner_(std::move(owner)) {}
  void add(const std::string& name, sdk::Service& service) override { table_.add(name, service, owner_); }

 private:
  ServiceTable& table_;
  std::string owner_;
};

}  // namespace ucf::host
