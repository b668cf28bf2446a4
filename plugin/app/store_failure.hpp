#pragma once

#include <stdexcept>
#include <string>

namespace ucf::app {

/// Thrown by a store (FilingStore, its transactions, blob readers, upload spools) that cannot do
/// its work now for a reason that is not the request's: the database is unreachable or restarting,
/// a statement ran past its limit, a lock or a connection stayed taken, the disk is full. Nothing
/// was written (the transaction is rolled back). The HTTP edge answers 503 with Retry-After, or
/// 507 for a full disk (rest/error_response). `what()` is for the log only, never for clients.
class StoreFailure : public std::runtime_error {
 public:
  enum class Kind {
    kUnavailable,  ///< The database cannot be reached or dropped the connection.
    kTimeout,      ///< A statement ran past the configured limit.
    kBusy,         ///< A lock or every connection stayed taken for too long.
    kDiskFull,     ///< No space left for the write.
  };

  StoreFailure(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}

  [[nodiscard]] Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace ucf::app
