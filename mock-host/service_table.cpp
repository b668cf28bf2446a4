#include "mock-host/service_table.hpp"

#include <algorithm>
#include <stdexcept>

namespace ucf::host {

void ServiceTable::add(const std::string& name, sdk::Service& service, const std::string& owner) {
  std::lock_guard lock(mutex_);
  for (const auto& e : entries_) {
    if (e.name == name) throw std::invalid_argument("the service " + name + " is already offered by " + e.owner);
  }
  entries_.push_back({name, &service, owner});
}

void ServiceTable::removeOwner(const std::string& owner) {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&](const Entry& e) { return e.owner == owner; });
}

sdk::Service* ServiceTable::find(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.name == name; });
  return it == entries_.end() ? nullptr : it->service;
}

}  // namespace ucf::host
