#pragma once

#include <string>
#include <string_view>

namespace ucf::host::auth {

/// The symbols a captcha draws from: upper-case letters and digits that do not look alike
/// (no 0/O, 1/I, 8/B, S/5, Z/2).
inline constexpr std::string_view kCaptchaAlphabet = "2345679ACEFHKLMNPRTUVWXY";

/// Draws `text` (symbols of kCaptchaAlphabet) as an SVG image: each symbol as strokes of a
/// small line font (no `<text>`, so the answer is not in the markup), jittered, rotated and
/// coloured at random, over noise curves and dots. Uses the CSPRNG for every choice.
std::string drawCaptchaSvg(std::string_view text);

}  // namespace ucf::host::auth
