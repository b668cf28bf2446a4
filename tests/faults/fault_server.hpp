#pragma once

#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

namespace ucf::test {

/// The PostgreSQL server that tests/scripts/faults.sh started for these tests alone (they stop
/// and restart it): its URI, and pg_ctl with its data folder and log. Fails the test, never
/// skips it, when the script did not set them.
struct FaultServer {
  std::string uri;
  std::string pgCtl;      ///< `[runuser -u postgres --] pg_ctl -D DATA -l LOG`
  std::string startArgs;  ///< the server's `-o` options (port, socket folder, settings)

  static FaultServer fromEnvironment() {
    auto need = [](const char* name) {
      const char* value = std::getenv(name);
      if (value == nullptr || *value == '\0') FAIL(name << " is not set: run tests/scripts/faults.sh");
      return std::string(value);
    };
    return {need("UCF_FAULT_PG_URI"), need("UCF_FAULT_PG_CTL"), need("UCF_FAULT_PG_OPTIONS")};
  }

  /// Runs `pg_ctl <what>` and waits for it (`-w`): restart, stop or start.
  void control(const std::string& what) const {
    std::string command = pgCtl + " -w -m fast ";
    if (what == "start") command += "-o '" + startArgs + "' ";
    command += what + " >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
  }
};

}  // namespace ucf::test
