// libFuzzer: the USCC check never crashes, and agrees with its own check character.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "reference/uscc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  bool valid = ucf::reference::isValidUscc(text);
  if (valid) {
    // Property: a valid code's 18th character is the check character of its first 17.
    if (ucf::reference::usccCheckCharacter(std::string_view(text).substr(0, 17)) != text[17]) std::abort();
  }
  if (text.size() >= 17) {
    char c = ucf::reference::usccCheckCharacter(std::string_view(text).substr(0, 17));
    if (c != '\0' && !ucf::reference::isValidUscc(text.substr(0, 17) + c)) {
      // The first 17 may still be invalid in other ways (division digits, characters): only
      // when they are valid must the completed code be valid.
      (void)c;
    }
  }
  return 0;
}
