// The mock host's entry point: parse flags, start, print the address, wait for SIGINT/SIGTERM;
// or `mock-host backup|restore|verify …` (admin commands); or `mock-host inspect PLUGIN.so`: print a
// plugin's metadata, read from the file (no plugin code runs).
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>

#include "mock-host/admin/admin_commands.hpp"
#include "mock-host/database_wait.hpp"
#include "mock-host/host_options.hpp"
#include "mock-host/mock_host.hpp"
#include "mock-host/plugin_metadata.hpp"

int main(int argc, char** argv) {
  if (argc > 1 && ucf::host::admin::isAdminCommand(argv[1])) {
    return ucf::host::admin::runAdminCommand(argc - 1, argv + 1, std::cout, std::cerr);
  }
  if (argc >= 2 && std::string_view(argv[1]) == "inspect") {
    if (argc != 3) {
      std::cerr << "usage: mock-host inspect PLUGIN.so" << std::endl;
      return 2;
    }
    try {
      std::cout << ucf::host::describe(ucf::host::readPluginMetadata(argv[2]));
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "mock-host: " << argv[2] << ": " << e.what() << std::endl;
      return 1;
    }
  }
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--help") {
      std::cout << ucf::host::hostOptionsHelp();
      return 0;
    }
  }
  // Block the termination signals before any thread starts, so that only sigwait sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  try {
    ucf::host::MockHost host(ucf::host::parseHostOptions(argc, argv));
    // A host started before its PostgreSQL waits for it; SIGINT/SIGTERM still end the wait.
    const bool ready = ucf::host::waitForDatabase(host.options().db, host.logger(), [&](std::chrono::milliseconds d) {
      const timespec wait{static_cast<time_t>(d.count() / 1000), static_cast<long>(d.count() % 1000) * 1000000L};
      return sigtimedwait(&signals, nullptr, &wait) < 0;
    });
    if (!ready) return 0;
    host.start();
    std::cout << "listening on " << host.baseUrl() << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    host.logger().log(ucf::sdk::LogLevel::kInfo, "signal received, shutting down");
    host.stop();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "mock-host: " << e.what() << std::endl;
    return 1;
  }
}
