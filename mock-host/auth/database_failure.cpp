#include "mock-host/auth/database_failure.hpp"

#include <Poco/Exception.h>

namespace ucf::host::auth {

void rethrowDatabaseFailure(bool connectionAlive) {
  try {
    throw;
  } catch (const DatabaseFailure&) {
    throw;
  } catch (const std::exception& e) {
    const adapters::SqlErrorClass errorClass = adapters::classifySqlError(e, connectionAlive);
    switch (errorClass) {
      case adapters::SqlErrorClass::kUnavailable:
      case adapters::SqlErrorClass::kTimeout:
      case adapters::SqlErrorClass::kBusy:
      case adapters::SqlErrorClass::kDiskFull: {
        const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
        throw DatabaseFailure(errorClass, poco ? poco->displayText() : std::string(e.what()));
      }
      case adapters::SqlErrorClass::kUniqueViolation:
      case adapters::SqlErrorClass::kOther: throw;
    }
    throw;
  }
}

}  // namespace ucf::host::auth
