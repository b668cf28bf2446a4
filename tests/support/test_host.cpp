#include "tests/support/test_host.hpp"

namespace ucf::test {

TestHost::TestHost() : TestHost(Options{}) {}

TestHost::TestHost(Options options) : options_(std::move(options)) {
  host_ = std::make_unique<host::MockHost>(hostOptions());
  host_->start();
}

TestHost::~TestHost() { host_->stop(); }

void TestHost::restart() {
  host_->stop();
  host_ = std::make_unique<host::MockHost>(hostOptions());
  host_->start();
}

host::HostOptions TestHost::hostOptions() const {
  host::HostOptions o;
  o.port = 0;
  o.dataDir = dir_.path().string();
  o.pluginsDir = options_.pluginsDir;
  o.dev = options_.dev;
  o.maxThreads = 16;
  o.trustedCaFiles = options_.trustedCaFiles;
  if (options_.pbkdf2Iterations > 0) o.pbkdf2Iterations = options_.pbkdf2Iterations;
  o.db = options_.db.empty() ? "sqlite:" + (dir_.path() / "host.sqlite").string() : options_.db;
  if (options_.tune) options_.tune(o);
  return o;
}

}  // namespace ucf::test
