#include "mock-host/auth/database_failure.hpp"

#include <Poco/Exception.h>

namespace ucf::host::auth {

void rethrowDatabaseFailure(bool connectionAlive) {
  try {
    throw;
  } catch (const DatabaseFailure&) {
    throw;
  } catch (const std::exception& e) {
    const dbkit::SqlErrorClass errorClass = dbkit::classifySqlError(e, connectionAlive);
    switch (errorClass) {
      case dbkit::SqlErrorClass::kUnavailable:
      case dbkit::SqlErrorClass::kTimeout:
      case dbkit::SqlErrorClass::kBusy:
      case dbkit::SqlErrorClass::kDiskFull: {
        const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
        throw DatabaseFailure(errorClass, poco ? poco->displayText() : std::string(e.what()));
      }
      case dbkit::SqlErrorClass::kUniqueViolation:
      case dbkit::SqlErrorClass::kOther: throw;
    }
    throw;
  }
}

}  // namespace ucf::host::auth
