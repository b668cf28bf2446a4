#include "adapters/persistence/store_error.hpp"

#include <exception>
#include <string>

#include <Poco/Exception.h>

#include "dbkit/sql_error.hpp"
#include "plugin/app/store_failure.hpp"

namespace ucf::adapters {

using dbkit::SqlErrorClass;
using dbkit::classifySqlError;

void rethrowForStore(bool connectionAlive) {
  try {
    throw;
  } catch (const app::StoreFailure&) {
    throw;
  } catch (const std::exception& e) {
    using Kind = app::StoreFailure::Kind;
    const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
    const std::string what = poco ? poco->displayText() : std::string(e.what());
    const SqlErrorClass errorClass = classifySqlError(e, connectionAlive);
    switch (errorClass) {
      case SqlErrorClass::kUnavailable: throw app::StoreFailure(Kind::kUnavailable, what);
      case SqlErrorClass::kTimeout: throw app::StoreFailure(Kind::kTimeout, what);
      case SqlErrorClass::kBusy: throw app::StoreFailure(Kind::kBusy, what);
      case SqlErrorClass::kDiskFull: throw app::StoreFailure(Kind::kDiskFull, what);
      case SqlErrorClass::kUniqueViolation:
      case SqlErrorClass::kOther: throw;
    }
    throw;
  }
}

}  // namespace ucf::adapters
