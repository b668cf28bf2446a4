#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mock-host/host_options.hpp"
#include "mock-host/menu_tree.hpp"
#include "mock-host/movable_clock.hpp"
#include "mock-host/route_table.hpp"
#include "mock-host/service_table.hpp"
#include "mock-host/stderr_logger.hpp"
#include "ucf/sdk/notifier.hpp"

namespace ucf::host {

struct LoadedPlugin;

/// The runnable host: owns the clock, logger, routing table, menu, sessions and the HTTP server,
/// and loads the plugins. Used by `main` and, in-process, by the tests.
class MockHost {
 public:
  explicit MockHost(HostOptions options);
  ~MockHost();
  MockHost(const MockHost&) = delete;
  MockHost& operator=(const MockHost&) = delete;

  /// Opens the host database, registers host routes, loads plugins and starts serving.
  /// Throws when the host itself cannot start (bad database, port taken).
  void start();
  /// Stops serving, waits for requests in flight, stops and unloads plugins (reverse order).
  /// Idempotent.
  void stop();

  /// The port the server listens on (after start).
  [[nodiscard]] std::uint16_t port() const;
  /// Whether the host serves HTTPS (`--tls-cert`, `--tls-key`).
  [[nodiscard]] bool tls() const { return options_.tlsCertFile.has_value(); }
  /// `http://127.0.0.1:PORT` or `https://…` (after start), as the ready line prints it.
  [[nodiscard]] std::string baseUrl() const;
  /// Ids of the plugins that started.
  [[nodiscard]] std::vector<std::string> pluginIds() const;

  /// The notifier the host gives plugin `pluginId` (after start), as a plugin would use it; for
  /// tests that send notifications without a plugin.
  sdk::Notifier& notifier(const std::string& pluginId);

  /// The server process of the session-change listener (PostgreSQL, after start; tests
  /// terminate it); 0 while it is not listening.
  [[nodiscard]] int sessionListenerPid() const;

  MovableClock& clock() { return clock_; }
  RouteTable& routes() { return routes_; }
  MenuTree& menu() { return menu_; }
  ServiceTable& services() { return services_; }
  sdk::Logger& logger() { return logger_; }
  const HostOptions& options() const { return options_; }

 private:
  struct Runtime;
  /// Removes what plugin `pluginId` registered: routes, services, menu entries.
  void unregister(const std::string& pluginId);

  HostOptions options_;
  StderrLogger logger_;
  MovableClock clock_;
  RouteTable routes_;
  MenuTree menu_;
  ServiceTable services_;
  std::unique_ptr<Runtime> runtime_;
};

}  // namespace ucf::host
