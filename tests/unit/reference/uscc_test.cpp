#include <catch2/catch.hpp>

#include <string>

#include "reference/uscc.hpp"

using namespace ucf::reference;

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// A deterministic pseudo-random valid code: two code characters, six digits, nine code
// characters, and the computed check character.
std::string generatedCode(unsigned seed) {
  std::string code;
  auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % 31u;
  };
  for (int i = 0; i < 17; ++i) {
    bool division = i >= 2 && i < 8;
    code += division ? static_cast<char>('0' + next() % 10) : kAlphabet[next()];
  }
  code += usccCheckCharacter(code);
  return code;
}

}  // namespace

TEST_CASE("the valid USCC examples of docs/PRODUCT.md §9 pass") {
  for (std::string_view code : {"91350100M000100Y43", "91110000600037341L"}) {
    INFO(code);
    CHECK(isValidUscc(code));
    CHECK_FALSE(checkUscc(code).has_value());
    CHECK(usccCheckCharacter(code.substr(0, 17)) == code[17]);
  }
}

TEST_CASE("the invalid USCC examples of docs/PRODUCT.md §9 fail for the stated reason") {
  CHECK(checkUscc("91350100M000100Y44") == UsccProblem::kCheckCharacter);
  CHECK(checkUscc("91350100M000100Y4") == UsccProblem::kLength);
  CHECK(checkUscc("9135010OM000100Y43") == UsccProblem::kCharacter);
  CHECK_FALSE(isValidUscc("91350100M000100Y44"));
  CHECK_FALSE(isValidUscc("91350100M000100Y4"));
  CHECK_FALSE(isValidUscc("9135010OM000100Y43"));
}

TEST_CASE("USCC length must be exactly 18") {
  CHECK(checkUscc("") == UsccProblem::kLength);
  CHECK(checkUscc("91350100M000100Y43X") == UsccProblem::kLength);
  CHECK(checkUscc(" 91350100M000100Y43") == UsccProblem::kLength);
  CHECK(checkUscc("91350100M000100Y43 ") == UsccProblem::kLength);
  // 18 bytes that are not 18 characters: still refused (a multibyte character is not in the alphabet).
  CHECK(checkUscc("91350100M000100\xC3\xA9"
                  "4") == UsccProblem::kCharacter);
}

TEST_CASE("USCC characters outside the alphabet are refused") {
  const std::string valid = "91350100M000100Y43";
  for (char bad : {'I', 'O', 'S', 'V', 'Z', 'a', 'm', 'y', '-', ' ', '\0', '*'}) {
    std::string code = valid;
    code[10] = bad;
    INFO(code);
    CHECK(checkUscc(code) == UsccProblem::kCharacter);
  }
  std::string lower = valid;
  lower[8] = 'm';
  CHECK(checkUscc(lower) == UsccProblem::kCharacter);
}

TEST_CASE("USCC characters 3 to 8 must be digits") {
  const std::string valid = "91350100M000100Y43";
  for (std::size_t i = 2; i < 8; ++i) {
    std::string code = valid;
    code[i] = 'A';
    INFO(code);
    CHECK(checkUscc(code) == UsccProblem::kDivisionDigits);
  }
  // Letters are fine outside the division code.
  CHECK(isValidUscc(valid));
}

TEST_CASE("every wrong check character is refused") {
  const std::string valid = "91110000600037341L";
  for (char c : kAlphabet) {
    std::string code = valid;
    code[17] = c;
    INFO(code);
    CHECK(isValidUscc(code) == (c == 'L'));
  }
}

TEST_CASE("a check value of 31 becomes 0") {
  // Search the generated codes for one whose weighted sum is a multiple of 31: its check
  // character must be '0'.
  bool found = false;
  for (unsigned seed = 0; seed < 5000 && !found; ++seed) {
    std::string code = generatedCode(seed);
    if (code[17] == '0') {
      found = true;
      CHECK(isValidUscc(code));
      int sum = 0;
      static constexpr int kWeights[] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
      for (int i = 0; i < 17; ++i) sum += static_cast<int>(kAlphabet.find(code[i])) * kWeights[i];
      CHECK(sum % 31 == 0);
    }
  }
  CHECK(found);
}

TEST_CASE("generated codes are valid and any single substitution breaks them") {
  for (unsigned seed = 1; seed <= 200; ++seed) {
    std::string code = generatedCode(seed);
    INFO(code);
    REQUIRE(isValidUscc(code));
    // Changing one non-division character to another symbol changes the weighted sum by a
    // non-multiple of 31 (31 is prime and weights are nonzero mod 31), so the check fails.
    std::size_t pos = seed % 17;
    if (pos >= 2 && pos < 8) pos = 8 + seed % 9;
    std::string changed = code;
    changed[pos] = kAlphabet[(kAlphabet.find(code[pos]) + 1 + seed % 30) % 31];
    CHECK(checkUscc(changed) == UsccProblem::kCheckCharacter);
  }
}

TEST_CASE("usccCheckCharacter refuses bad input") {
  CHECK(usccCheckCharacter("") == '\0');
  CHECK(usccCheckCharacter("91350100M000100Y") == '\0');
  CHECK(usccCheckCharacter("91350100M000100Y43") == '\0');
  CHECK(usccCheckCharacter("91350100O000100Y4") == '\0');
  CHECK(usccCheckCharacter("91350100M000100Y4") == '3');
}
