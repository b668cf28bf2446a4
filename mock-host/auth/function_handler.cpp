#include "mock-host/auth/function_handler.hpp"

#include "mock-host/auth/database_failure.hpp"
#include "mock-host/json_response.hpp"

namespace ucf::host::auth {

sdk::HttpResponse FunctionHandler::handle(sdk::HttpRequest& request) noexcept {
  try {
    return function_(request);
  } catch (const DatabaseFailure& e) {
    logger_.log(sdk::LogLevel::kWarning, name_ + " refused: " + e.what());
    try {
      return databaseProblem(e.errorClass());
    } catch (...) {
    }
  } catch (const std::exception& e) {
    logger_.log(sdk::LogLevel::kError, name_ + " failed: " + e.what());
  } catch (...) {
    logger_.log(sdk::LogLevel::kError, name_ + " failed with an unknown exception");
  }
  try {
    return problem(500, "Internal Server Error", "The request could not be completed.");
  } catch (...) {
    sdk::HttpResponse r;
    r.status = 500;
    return r;
  }
}

}  // namespace ucf::host::auth
