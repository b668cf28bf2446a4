#pragma once

#include <memory>

#include "mock-host/auth/auth_handlers.hpp"
#include "mock-host/auth/auth_service.hpp"
#include "mock-host/auth/ca_verifier.hpp"
#include "mock-host/auth/dev_ca.hpp"
#include "mock-host/auth/dev_handlers.hpp"
#include "mock-host/auth/enterprise_account_handlers.hpp"
#include "mock-host/auth/host_database.hpp"
#include "mock-host/auth/password_hasher.hpp"
#include "mock-host/auth/session_change_listener.hpp"
#include "mock-host/host_options.hpp"
#include "mock-host/movable_clock.hpp"
#include "mock-host/route_table.hpp"
#include "mock-host/session_resolver.hpp"
#include "ucf/sdk/logger.hpp"

namespace ucf::host::auth {

/// Login and sessions of the mock host, assembled from its options: the host database
/// (`--db`), the trusted roots (`--trusted-ca`, and in `--dev` the dev CA of `--data-dir`),
/// the password hasher, the auth service, its endpoints, in `--dev` the dev endpoints and, on
/// PostgreSQL, the listener that tells the sessions of other hosts' changes.
/// Must outlive the HTTP server that resolves sessions through it.
class AuthModule {
 public:
  /// Opens the database and reads the trusted roots. Throws std::runtime_error (bad `--db`,
  /// unreadable `--trusted-ca`).
  AuthModule(const HostOptions& options, MovableClock& clock, sdk::Logger& logger);

  /// Registers the auth endpoints, 企业账号授权 (and the dev endpoints in `--dev`) as owner `host`.
  void registerRoutes(RouteTable& routes);

  /// What the HTTP front resolves session cookies with.
  SessionResolver& sessions() { return service_.sessions(); }
  /// The auth service.
  AuthService& service() { return service_; }
  /// The host database.
  HostDatabase& database() { return database_; }
  /// The server process of the session-change listener (PostgreSQL; tests); 0 while not listening.
  [[nodiscard]] int sessionListenerPid() const;

 private:
  HostDatabase database_;
  PasswordHasher hasher_;
  std::unique_ptr<DevCa> devCa_;
  CaVerifier verifier_;
  AuthService service_;
  AuthHandlers handlers_;
  EnterpriseAccountHandlers accountHandlers_;
  std::unique_ptr<DevHandlers> devHandlers_;
  // Last: stops (its thread joined) before the session store it tells goes.
  std::unique_ptr<SessionChangeListener> sessionListener_;
};

}  // namespace ucf::host::auth
