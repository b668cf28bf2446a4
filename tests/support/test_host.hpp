#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "mock-host/host_options.hpp"
#include "mock-host/mock_host.hpp"
#include "tests/support/temp_dir.hpp"

namespace ucf::test {

/// A real mock host in this process, on 127.0.0.1 and a free port, over a fresh data folder,
/// loading the plugins of `pluginsDir` (default: the built plugin). Stopped on destruction.
class TestHost {
 public:
  struct Options {
    std::string pluginsDir = UCF_PLUGIN_DIR;
    bool dev = true;
    std::string db;                           ///< Empty: SQLite files in the temp folder.
    std::vector<std::string> trustedCaFiles;  ///< `--trusted-ca` files (the dev CA is trusted in dev mode).
    /// PBKDF2 iterations of new password hashes: low, so that logins in tests are fast
    /// (0 = the host's production default, kDefaultPbkdf2Iterations).
    int pbkdf2Iterations = 1000;
    /// Adjusts the host's options last (e.g. `--crl`, TLS, timeouts, bounds); may be empty.
    std::function<void(host::HostOptions&)> tune;
  };

  TestHost();
  explicit TestHost(Options options);
  ~TestHost();

  [[nodiscard]] std::uint16_t port() const { return host_->port(); }
  host::MockHost& host() { return *host_; }
  [[nodiscard]] const std::filesystem::path& dataDir() const { return dir_.path(); }
  /// Stops and starts the host again over the same data (a restart).
  void restart();

 private:
  host::HostOptions hostOptions() const;

  TempDir dir_;
  Options options_;
  std::unique_ptr<host::MockHost> host_;
};

}  // namespace ucf::test
