#pragma once

namespace ucf::reference {

/// The closed set of field error codes a 422 `errors[]` names, from the host or the plugin.
namespace field_code {
inline constexpr const char* kRequired = "required";                 ///< missing for save/submit
inline constexpr const char* kInvalidType = "invalid_type";          ///< wrong JSON type
inline constexpr const char* kTooShort = "too_short";                ///< below minLength (incl. empty)
inline constexpr const char* kTooLong = "too_long";                  ///< above maxLength
inline constexpr const char* kInvalidFormat = "invalid_format";      ///< pattern, date, USCC shape
inline constexpr const char* kInvalidChecksum = "invalid_checksum";  ///< USCC check character
inline constexpr const char* kNotAllowed = "not_allowed";            ///< not one of the enum values / not permitted
inline constexpr const char* kOutOfRange = "out_of_range";           ///< numbers below minimum / above a bound
inline constexpr const char* kTooManyDecimals = "too_many_decimals";
inline constexpr const char* kDateOrder = "date_order";                  ///< businessTerm.to before from
inline constexpr const char* kFutureDate = "future_date";                ///< establishedOn after today
inline constexpr const char* kMismatch = "mismatch";                     ///< uscc differs from the principal's
inline constexpr const char* kUnknownField = "unknown_field";            ///< a member the form does not have
inline constexpr const char* kMissingAttachment = "missing_attachment";  ///< required slot empty at submit
}  // namespace field_code

}  // namespace ucf::reference
