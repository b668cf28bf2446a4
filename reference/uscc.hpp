#pragma once

#include <optional>
#include <string_view>

namespace ucf::reference {

/// Why a string is not a unified social credit code (GB 32100-2015, docs/PRODUCT.md §9): a rule of the platform both
/// the host (registration, e-key certificates) and the plugin (the form) apply. The checks run in this order, so the
/// first problem found is the one reported.
enum class UsccProblem {
  kLength,          ///< Not exactly 18 characters (bytes).
  kCharacter,       ///< A character outside `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I O S V Z, no lower case).
  kDivisionDigits,  ///< Characters 3–8 (the administrative division code) are not all digits.
  kCheckCharacter,  ///< The 18th character is not the check character of the first 17.
};

/// The problem of `code`, or nullopt when it is a valid USCC. Pure; never throws.
std::optional<UsccProblem> checkUscc(std::string_view code);

/// Whether `code` is a valid USCC: 18 characters of the code alphabet, characters 3–8 digits and
/// a correct check character. Pure, thread-safe, never throws.
bool isValidUscc(std::string_view code);

/// The check character of the first 17 characters of a code (weights 1, 3, 9, …, 28;
/// c = 31 − (Σ mod 31), 31 → 0). Returns '\0' when `first17` is not 17 characters of the code
/// alphabet. Meant for tests and dev tools that need valid codes.
char usccCheckCharacter(std::string_view first17);

}  // namespace ucf::reference
