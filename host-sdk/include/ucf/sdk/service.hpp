#pragma once

#include <optional>
#include <string>

#include "ucf/sdk/principal.hpp"

namespace ucf::sdk {

/// One call of a named service a plugin offers the host (docs/SDK.md lists them). `input` and
/// the answer are JSON texts whose shape the service documents.
struct ServiceCall {
  std::string input;
  std::optional<Principal> principal;  ///< Whom the host asks for; empty when nobody.
};

/// What a service answers: `ok` with `output`, or not with `error` (logged by the host).
struct ServiceAnswer {
  bool ok = true;
  std::string output;
  std::string error;
};

/// A service a plugin offers the host (e.g. `qualification`). Called concurrently from the
/// host's threads while the plugin is started. Must not throw.
class Service {
 public:
  virtual ~Service() = default;

  /// Answers `call`; `call` is valid only during the call.
  virtual ServiceAnswer call(const ServiceCall& call) noexcept = 0;
};

/// The host's table of plugin services, open to a plugin during `Plugin::start` only.
class ServiceRegistry {
 public:
  virtual ~ServiceRegistry() = default;

  /// Offers `service` under `name`. Not owned: it must stay valid until the plugin's `stop()`
  /// returns. Throws std::invalid_argument when another plugin offers `name`.
  virtual void add(const std::string& name, Service& service) = 0;
};

}  // namespace ucf::sdk
