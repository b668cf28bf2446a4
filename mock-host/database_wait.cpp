#include "dbkit/postgresql_uri.hpp"
#include "mock-host/database_wait.hpp"

#include "dbkit/connection_health.hpp"
#include "mock-host/auth/host_database.hpp"

namespace ucf::host {

bool waitForDatabase(const std::string& db, sdk::Logger& logger,
                     const std::function<bool(std::chrono::milliseconds)>& pause) {
  if (db.rfind("postgresql://", 0) != 0 && db.rfind("postgres://", 0) != 0) return true;
  const std::string connection = dbkit::postgresqlConnectionString(db);
  // Asked often, so that the host is up within a fraction of a second of the server.
  constexpr auto kPoll = std::chrono::milliseconds(100);
  constexpr auto kLogEvery = std::chrono::seconds(10);
  auto lastLog = std::chrono::steady_clock::time_point::min();
  // PQping: no session is opened until the server answers (a failed POCO connect leaks).
  while (!dbkit::postgresAnswers(connection)) {
    const auto now = std::chrono::steady_clock::now();
    if (lastLog == std::chrono::steady_clock::time_point::min() || now - lastLog >= kLogEvery) {
      logger.log(sdk::LogLevel::kWarning, "waiting for the database (PostgreSQL does not accept connections yet) …");
      lastLog = now;
    }
    if (!pause(kPoll)) return false;
  }
  if (lastLog != std::chrono::steady_clock::time_point::min()) {
    logger.log(sdk::LogLevel::kInfo, "the database accepts connections");
  }
  return true;
}

}  // namespace ucf::host
