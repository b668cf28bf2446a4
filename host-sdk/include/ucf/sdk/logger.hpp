#pragma once

#include <string_view>

namespace ucf::sdk {

/// Severity of a log line.
enum class LogLevel { kDebug, kInfo, kWarning, kError };

/// The host's log. Thread-safe; valid from `start` until `stop` returns.
class Logger {
 public:
  virtual ~Logger() = default;

  /// Writes one line; `message` is copied before the call returns.
  virtual void log(LogLevel level, std::string_view message) noexcept = 0;
};

}  // namespace ucf::sdk
