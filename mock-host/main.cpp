// The mock host's entry point: parse flags, start, print the address, wait for SIGINT/SIGTERM.
#include <csignal>
#include <cstdio>
#include <iostream>

#include "mock-host/host_options.hpp"
#include "mock-host/mock_host.hpp"

int main(int argc, char** argv) {
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
