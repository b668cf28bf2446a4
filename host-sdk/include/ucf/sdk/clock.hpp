#pragma once

#include <chrono>

namespace ucf::sdk {

/// The host's time source. Plugins take every "now" from here (never the system clock) so that
/// tests and dev hosts can move time. Thread-safe; valid from `start` until `stop` returns.
class Clock {
 public:
  virtual ~Clock() = default;

  /// The current instant (UTC).
  [[nodiscard]] virtual std::chrono::system_clock::time_point now() const = 0;
};

}  // namespace ucf::sdk
