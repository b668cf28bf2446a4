#pragma once

#include <mutex>

#include "ucf/sdk/logger.hpp"

namespace ucf::host {

/// Log lines to standard error, one at a time, each prefixed with the UTC time and level.
class StderrLogger final : public sdk::Logger {
 public:
  void log(sdk::LogLevel level, std::string_view message) noexcept override;

 private:
  std::mutex mutex_;
};

}  // namespace ucf::host
