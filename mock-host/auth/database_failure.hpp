#pragma once

#include <stdexcept>
#include <string>

#include "dbkit/sql_error.hpp"

namespace ucf::host::auth {

/// Thrown by HostDatabase when the database cannot do the work now for a reason that is not the
/// request's: unreachable or restarting, a statement past the limit, locks or connections taken
/// too long, a full disk (never a unique violation or a bug: those keep their own exceptions).
/// The host's handlers answer 503 with Retry-After, or 507 (json_response's databaseProblem).
class DatabaseFailure : public std::runtime_error {
 public:
  DatabaseFailure(dbkit::SqlErrorClass errorClass, const std::string& what)
      : std::runtime_error(what), errorClass_(errorClass) {}

  [[nodiscard]] dbkit::SqlErrorClass errorClass() const { return errorClass_; }

 private:
  dbkit::SqlErrorClass errorClass_;
};

/// Inside a catch block: rethrows the exception being handled as DatabaseFailure when its class
/// (classifySqlError) is one of the above, as it is otherwise.
[[noreturn]] void rethrowDatabaseFailure(bool connectionAlive);

}  // namespace ucf::host::auth
