#pragma once

#include <atomic>
#include <chrono>

#include "ucf/sdk/clock.hpp"

namespace ucf::host {

/// The system clock plus an offset that dev mode (`PUT /api/dev/clock`) and tests may move.
/// Time keeps flowing after a move. Thread-safe.
class MovableClock final : public sdk::Clock {
 public:
  [[nodiscard]] std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now() + std::chrono::nanoseconds(offset_.load(std::memory_order_relaxed));
  }

  /// From now on, `now()` reads `instant` plus the time elapsed since this call.
  void moveTo(std::chrono::system_clock::time_point instant) {
    offset_.store(std::chrono::duration_cast<std::chrono::nanoseconds>(instant - std::chrono::system_clock::now()).count(),
                  std::memory_order_relaxed);
  }

 private:
  std::atomic<std::chrono::nanoseconds::rep> offset_{0};
};

}  // namespace ucf::host
