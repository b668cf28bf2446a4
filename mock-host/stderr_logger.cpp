#include "mock-host/stderr_logger.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace ucf::host {

void StderrLogger::log(sdk::LogLevel level, std::string_view message) noexcept {
  const char* word = "INFO";
  switch (level) {
    case sdk::LogLevel::kDebug: word = "DEBUG"; break;
    case sdk::LogLevel::kInfo: word = "INFO"; break;
    case sdk::LogLevel::kWarning: word = "WARN"; break;
    case sdk::LogLevel::kError: word = "ERROR"; break;
  }
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::lock_guard lock(mutex_);
  std::fprintf(stderr, "%s %s %.*s\n", stamp, word, static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
}

}  // namespace ucf::host
