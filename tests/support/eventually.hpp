#pragma once

#include <chrono>
#include <thread>

namespace ucf::test {

/// Whether `condition` holds within `limit`, asked every 5 ms: for what another thread or host
/// brings about (a notification, a reconnect). The limit is generous: it only bounds a failure,
/// it never decides a pass.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace ucf::test
