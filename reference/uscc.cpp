#include "reference/uscc.hpp"

#include <array>
#include <cstddef>

namespace ucf::reference {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr std::size_t kLength = 18;

// The value of a code character (its index in the alphabet), or -1.
int valueOf(char c) {
  auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

char usccCheckCharacter(std::string_view first17) {
  if (first17.size() != kWeights.size()) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) {
    int v = valueOf(first17[i]);
    if (v < 0) return '\0';
    sum += v * kWeights[i];
  }
  int c = 31 - sum % 31;
  return kAlphabet[static_cast<std::size_t>(c == 31 ? 0 : c)];
}

std::optional<UsccProblem> checkUscc(std::string_view code) {
  if (code.size() != kLength) return UsccProblem::kLength;
  for (char c : code) {
    if (valueOf(c) < 0) return UsccProblem::kCharacter;
  }
  for (std::size_t i = 2; i < 8; ++i) {
    if (!isDigit(code[i])) return UsccProblem::kDivisionDigits;
  }
  if (usccCheckCharacter(code.substr(0, 17)) != code[17]) return UsccProblem::kCheckCharacter;
  return std::nullopt;
}

bool isValidUscc(std::string_view code) { return !checkUscc(code).has_value(); }

}  // namespace ucf::reference
