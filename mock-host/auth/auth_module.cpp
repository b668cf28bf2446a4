#include "mock-host/auth/auth_module.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "dbkit/postgresql_uri.hpp"

namespace ucf::host::auth {
namespace {

std::unique_ptr<DevCa> devCaOf(const HostOptions& options) {
  return options.dev ? std::make_unique<DevCa>(options.dataDir) : nullptr;
}

std::vector<std::string> readFiles(const std::vector<std::string>& files, const char* what) {
  std::vector<std::string> pems;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(std::string("cannot read the ") + what + " " + file);
    std::ostringstream text;
    text << in.rdbuf();
    pems.push_back(text.str());
  }
  return pems;
}

std::vector<std::string> trustedRoots(const HostOptions& options, const DevCa* devCa) {
  std::vector<std::string> pems = readFiles(options.trustedCaFiles, "trusted CA file");
  if (devCa) pems.push_back(devCa->certificatePem());
  return pems;
}

}  // namespace

AuthModule::AuthModule(const HostOptions& options, MovableClock& clock, sdk::Logger& logger)
    : database_(options.db, options.maxThreads + 4, clock, logger,
                std::chrono::milliseconds(options.statementTimeoutMs)),
      hasher_(options.pbkdf2Iterations),
      // A false leak report: if a later member throws, devCa_ is destroyed with the others.
      // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks)
      devCa_(devCaOf(options)),
      verifier_(trustedRoots(options, devCa_.get()), readFiles(options.crlFiles, "CRL file")),
      service_(database_, clock, logger, hasher_, verifier_,
               PendingBounds{options.maxPendingCaptchas, options.maxPendingChallenges},
               std::chrono::seconds(options.sessionCacheSeconds)),
      handlers_(service_, options.dev, options.tlsCertFile.has_value(), logger),
      accountHandlers_(service_, logger) {
  if (devCa_) devHandlers_ = std::make_unique<DevHandlers>(service_, *devCa_, clock, logger);
  // Several hosts share a PostgreSQL: each hears the others' session changes (SQLite: one host).
  if (database_.dialect() == dbkit::Dialect::kPostgresql) {
    sessionListener_ = std::make_unique<SessionChangeListener>(dbkit::postgresqlConnectionString(options.db),
                                                               service_.sessions(), logger);
  }
  logger.log(sdk::LogLevel::kInfo, "e-key login trusts " + std::to_string(verifier_.rootCount()) +
                                       " CA certificate(s)" + (devCa_ ? " including the dev CA" : ""));
}

int AuthModule::sessionListenerPid() const { return sessionListener_ ? sessionListener_->backendPid() : 0; }

void AuthModule::registerRoutes(RouteTable& routes) {
  handlers_.registerIn(routes);
  accountHandlers_.registerIn(routes);
  if (devHandlers_) devHandlers_->registerIn(routes);
}

}  // namespace ucf::host::auth
