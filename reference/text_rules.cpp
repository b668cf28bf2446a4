#include "reference/text_rules.hpp"

#include <algorithm>

namespace ucf::reference {

std::size_t codePointCount(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool isBlank(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      i += 1;
    } else if (text.substr(i, 2) == "\xC2\xA0") {
      i += 2;
    } else if (text.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isAsciiLetter(char c) { return isAsciiUpper(c) || (c >= 'a' && c <= 'z'); }

bool isMobile(std::string_view text) {
  if (text.size() != 11 || text[0] != '1' || text[1] < '3' || text[1] > '9') return false;
  return std::all_of(text.begin() + 2, text.end(), isAsciiDigit);
}

namespace {

// The local part of an address: dot-atoms of the RFC 5322 atext characters, no quoted strings.
bool isEmailLocalPart(std::string_view local) {
  constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~-";
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  char previous = '\0';
  for (char c : local) {
    const bool ok = isAsciiLetter(c) || isAsciiDigit(c) || c == '.' || kSpecials.find(c) != std::string_view::npos;
    if (!ok || (c == '.' && previous == '.')) return false;
    previous = c;
  }
  return true;
}

// A DNS name of at least two labels: letters, digits and inner hyphens, 1–63 characters each;
// the last label (the TLD) is at least two letters.
bool isEmailDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t labels = 0;
  std::string_view rest = domain;
  while (true) {
    const auto dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    if (!std::all_of(label.begin(), label.end(),
                     [](char c) { return isAsciiLetter(c) || isAsciiDigit(c) || c == '-'; })) {
      return false;
    }
    ++labels;
    if (dot == std::string_view::npos) {
      return labels >= 2 && label.size() >= 2 && std::all_of(label.begin(), label.end(), isAsciiLetter);
    }
    rest.remove_prefix(dot + 1);
  }
}

}  // namespace

bool isEmail(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) return false;
  return isEmailLocalPart(text.substr(0, at)) && isEmailDomain(text.substr(at + 1));
}

}  // namespace ucf::reference
