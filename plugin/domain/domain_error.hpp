#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "plugin/domain/field_error.hpp"
#include "plugin/domain/result.hpp"

namespace ucf::domain {

/// The closed set of expected failures of a use case. Each maps to one HTTP status in the REST
/// layer's single mapping function; infrastructure failures are exceptions, not these.
enum class ErrorCode {
  kNotFound,               ///< 404: no such filing for this caller (never reveals that one exists)
  kForbidden,              ///< 403: wrong role, a stage that is not the caller's, rechecking one's own review
  kConflict,               ///< 409: the status does not allow the action
  kOpenApplicationExists,  ///< 409: a second open 新增 of the enterprise, or a second open change
  kStale,                  ///< 412: If-Match names an older version
  kPreconditionRequired,   ///< 428: If-Match missing
  kValidation,             ///< 422: `fields` lists every failing member
  kTooLarge,               ///< 413: a file over its slot's limit
  kUnsupportedContent,     ///< 415: a file of a kind its slot does not take
  kBadRequest,             ///< 400: malformed request (not JSON, bad multipart)
};

/// An expected failure: a code, a sentence, and for 422 the failing fields. For 413/415 `slot`,
/// `limitBytes` and `allowedExtensions` describe the slot (see slotRefusal in form_definition.hpp).
struct DomainError {
  ErrorCode code = ErrorCode::kConflict;
  std::string message;
  FieldErrors fields;
  std::string slot;
  std::int64_t limitBytes = 0;
  std::vector<std::string> allowedExtensions;
};

/// Either a value or a DomainError: the result of every use case and transition.
template <typename T>
using Outcome = Result<T, DomainError>;

/// The value of an Outcome that carries none.
struct Done {};

/// Shorthand for building errors.
inline DomainError fail(ErrorCode code, std::string message) { return DomainError{code, std::move(message), {}, {}, 0, {}}; }
inline DomainError invalid(FieldErrors fields) {
  return DomainError{ErrorCode::kValidation, "请求的内容未通过校验", std::move(fields), {}, 0, {}};
}

}  // namespace ucf::domain
