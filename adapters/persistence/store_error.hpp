#pragma once

namespace ucf::adapters {

/// Inside a catch block: rethrows the exception being handled as app::StoreFailure when it is a
/// failure of the database that the request cannot help (classifySqlError: unavailable, timeout,
/// busy, disk full), and as it is otherwise (unique violations stay for the store to map; anything
/// else is a bug, answered 500). `connectionAlive`: whether the connection used still reports
/// itself connected.
[[noreturn]] void rethrowForStore(bool connectionAlive = true);

}  // namespace ucf::adapters
