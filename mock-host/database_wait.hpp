#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "ucf/sdk/logger.hpp"

namespace ucf::host {

/// Before the host starts (docs/PRODUCT.md §8): while the PostgreSQL server of `db` does not accept
/// connections, logs "waiting for the database …" (then again every 10 s) and calls `pause` with
/// the time to wait before asking again; `pause` returns false to give up (a signal arrived).
/// Returns true once the server answers (at once for SQLite), false when `pause` gave up.
bool waitForDatabase(const std::string& db, sdk::Logger& logger,
                     const std::function<bool(std::chrono::milliseconds)>& pause);

}  // namespace ucf::host
