#pragma once

#include <cstddef>
#include <string_view>

namespace ucf::reference {

// The text rules the host's registration and the plugin's form share. Pure; never throw.

/// Unicode code points of valid UTF-8: every byte that is not a continuation byte starts one.
std::size_t codePointCount(std::string_view text);
/// Whether the text is empty or only whitespace: ASCII white space, NBSP (U+00A0) and the
/// ideographic space (U+3000) that Chinese input methods type.
bool isBlank(std::string_view text);
bool isAsciiDigit(char c);
bool isAsciiUpper(char c);
bool isAsciiLetter(char c);
/// A mainland mobile number: 11 digits, 1 then 3–9.
bool isMobile(std::string_view text);
/// An address of dot-atoms @ a DNS name of at least two labels (no quoted local parts).
bool isEmail(std::string_view text);

}  // namespace ucf::reference
