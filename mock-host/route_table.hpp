#pragma once

#include <mutex>
#include <shared_mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ucf/sdk/route_registry.hpp"

namespace ucf::host {

/// The host's routing table: host routes and every plugin's routes, matched by method and
/// segment pattern. Written during start-up and shutdown only; `match` is called concurrently.
class RouteTable {
 public:
  /// A route and who registered it (`host` or a plugin id).
  struct Entry {
    sdk::RouteSpec spec;
    sdk::RouteHandler* handler;
    std::string owner;
    std::vector<std::string> segments;
    bool csrfExempt = false;  ///< Host routes that create a session (login) or need none (dev).
  };

  /// Outcome of matching a request.
  struct Match {
    const Entry* entry = nullptr;  ///< Null when nothing matched.
    bool pathKnown = false;        ///< The path matched under another method (→ 405).
    std::vector<std::pair<std::string, std::string>> params;
  };

  /// Adds a route; throws std::invalid_argument for a malformed pattern or a duplicate.
  void add(const sdk::RouteSpec& spec, sdk::RouteHandler& handler, const std::string& owner,
           bool csrfExempt = false);
  /// Removes every route of `owner`.
  void removeOwner(const std::string& owner);
  /// Finds the route of `method` and the already-split, decoded path `segments`.
  /// Literal segments win over captures, so `/filings.csv` is not taken by `/{id}`.
  [[nodiscard]] Match match(std::string_view method, const std::vector<std::string>& segments) const;
  /// Every registered route (for tests and the route list).
  [[nodiscard]] std::vector<Entry> entries() const;

  /// Splits a path at `/` and percent-decodes each segment; nullopt when malformed.
  static std::optional<std::vector<std::string>> splitPath(std::string_view rawPath);

 private:
  mutable std::shared_mutex mutex_;  // written at start/stop only; requests share it
  std::vector<Entry> entries_;
};

/// The registry a plugin sees: RouteTable::add with the plugin's id as owner.
class PluginRouteRegistry final : public sdk::RouteRegistry {
 public:
  PluginRouteRegistry(RouteTable& table, std::string owner) : table_(table), owner_(std::move(owner)) {}
  void add(const sdk::RouteSpec& spec, sdk::RouteHandler& handler) override { table_.add(spec, handler, owner_); }

 private:
  RouteTable& table_;
  std::string owner_;
};

}  // namespace ucf::host
