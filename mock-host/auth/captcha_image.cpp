#include "mock-host/auth/captcha_image.hpp"

#include <array>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <vector>

#include "mock-host/auth/secure_random.hpp"

namespace ucf::host::auth {
namespace {

/// A glyph as polylines over a 4 × 6 grid (y grows downwards).
using Stroke = std::vector<std::array<double, 2>>;
using Glyph = std::vector<Stroke>;

const std::map<char, Glyph>& glyphs() {
  static const std::map<char, Glyph> table = {
      {'2', {{{0, 1}, {1, 0}, {3, 0}, {4, 1}, {4, 2}, {0, 6}, {4, 6}}}},
      {'3', {{{0, 0}, {4, 0}, {2, 2.5}, {4, 3.5}, {4, 5}, {3, 6}, {1, 6}, {0, 5}}}},
      {'4', {{{3, 6}, {3, 0}, {0, 4}, {4, 4}}}},
      {'5', {{{4, 0}, {0, 0}, {0, 2.5}, {3, 2.5}, {4, 3.5}, {4, 5}, {3, 6}, {0, 6}}}},
      {'6', {{{4, 0}, {1, 0}, {0, 1.5}, {0, 5}, {1, 6}, {3, 6}, {4, 5}, {4, 3.5}, {3, 2.5}, {0, 2.5}}}},
      {'7', {{{0, 0}, {4, 0}, {1.5, 6}}}},
      {'9', {{{4, 3.5}, {1, 3.5}, {0, 2.5}, {0, 1}, {1, 0}, {3, 0}, {4, 1}, {4, 5}, {3, 6}, {0, 6}}}},
      {'A', {{{0, 6}, {2, 0}, {4, 6}}, {{0.7, 4}, {3.3, 4}}}},
      {'C', {{{4, 0.5}, {3, 0}, {1, 0}, {0, 1}, {0, 5}, {1, 6}, {3, 6}, {4, 5.5}}}},
      {'E', {{{4, 0}, {0, 0}, {0, 6}, {4, 6}}, {{0, 3}, {3, 3}}}},
      {'F', {{{4, 0}, {0, 0}, {0, 6}}, {{0, 3}, {3, 3}}}},
      {'H', {{{0, 0}, {0, 6}}, {{4, 0}, {4, 6}}, {{0, 3}, {4, 3}}}},
      {'K', {{{0, 0}, {0, 6}}, {{4, 0}, {0, 3.5}}, {{1.3, 2.7}, {4, 6}}}},
      {'L', {{{0, 0}, {0, 6}, {4, 6}}}},
      {'M', {{{0, 6}, {0, 0}, {2, 3}, {4, 0}, {4, 6}}}},
      {'N', {{{0, 6}, {0, 0}, {4, 6}, {4, 0}}}},
      {'P', {{{0, 6}, {0, 0}, {3, 0}, {4, 1}, {4, 2}, {3, 3}, {0, 3}}}},
      {'R', {{{0, 6}, {0, 0}, {3, 0}, {4, 1}, {4, 2}, {3, 3}, {0, 3}}, {{2, 3}, {4, 6}}}},
      {'T', {{{0, 0}, {4, 0}}, {{2, 0}, {2, 6}}}},
      {'U', {{{0, 0}, {0, 5}, {1, 6}, {3, 6}, {4, 5}, {4, 0}}}},
      {'V', {{{0, 0}, {2, 6}, {4, 0}}}},
      {'W', {{{0, 0}, {1, 6}, {2, 2}, {3, 6}, {4, 0}}}},
      {'X', {{{0, 0}, {4, 6}}, {{4, 0}, {0, 6}}}},
      {'Y', {{{0, 0}, {2, 3}, {4, 0}}, {{2, 3}, {2, 6}}}},
  };
  return table;
}

/// A random number in [low, high] with 1/1000 steps.
double uniform(double low, double high) { return low + (high - low) * static_cast<double>(randomIndex(1001)) / 1000.0; }

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

std::string colour(int low, int high) {
  char buffer[16];
  auto channel = [&] { return low + static_cast<int>(randomIndex(static_cast<std::size_t>(high - low) + 1)); };
  int r = channel(), g = channel(), b = channel();
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", r, g, b);
  return buffer;
}

constexpr double kWidth = 150;
constexpr double kHeight = 50;

}  // namespace

std::string drawCaptchaSvg(std::string_view text) {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"150\" height=\"50\" viewBox=\"0 0 150 50\">";
  svg += "<rect width=\"150\" height=\"50\" fill=\"" + colour(225, 250) + "\"/>";
  for (int i = 0; i < 4; ++i) {  // noise curves behind the symbols
    svg += "<path d=\"M" + number(uniform(0, 20)) + " " + number(uniform(5, 45)) + " Q" + number(uniform(40, 110)) +
           " " + number(uniform(-10, 60)) + " " + number(uniform(130, 150)) + " " + number(uniform(5, 45)) +
           "\" stroke=\"" + colour(120, 200) + "\" stroke-width=\"" + number(uniform(1, 2)) + "\" fill=\"none\"/>";
  }
  const double step = (kWidth - 20) / static_cast<double>(text.size() ? text.size() : 1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto it = glyphs().find(text[i]);
    if (it == glyphs().end()) throw std::invalid_argument("captcha symbol outside the alphabet");
    double scale = uniform(4.2, 5.4);
    double x = 10 + step * static_cast<double>(i) + uniform(0, step - 4 * scale);
    double y = uniform(6, kHeight - 6 * scale - 6);
    svg += "<g transform=\"translate(" + number(x) + " " + number(y) + ") rotate(" + number(uniform(-18, 18)) + " " +
           number(2 * scale) + " " + number(3 * scale) + ") scale(" + number(scale) + ")\" stroke=\"" +
           colour(20, 110) + "\" stroke-width=\"" + number(uniform(0.45, 0.7)) +
           "\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">";
    for (const auto& stroke : it->second) {
      svg += "<polyline points=\"";
      for (std::size_t p = 0; p < stroke.size(); ++p) {
        if (p) svg += ' ';
        svg += number(stroke[p][0] + uniform(-0.15, 0.15)) + "," + number(stroke[p][1] + uniform(-0.15, 0.15));
      }
      svg += "\"/>";
    }
    svg += "</g>";
  }
  for (int i = 0; i < 30; ++i) {  // dots over the symbols
    svg += "<circle cx=\"" + number(uniform(0, kWidth)) + "\" cy=\"" + number(uniform(0, kHeight)) + "\" r=\"" +
           number(uniform(0.5, 1.3)) + "\" fill=\"" + colour(60, 180) + "\"/>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace ucf::host::auth
