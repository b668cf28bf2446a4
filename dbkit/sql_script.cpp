#include "dbkit/sql_script.hpp"

namespace ucf::dbkit {
namespace {

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// `text` without its trailing blanks.
std::string trimmed(std::string text) {
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
  text.erase(0, text.find_first_not_of(" \t\r\n"));
  return text;
}

}  // namespace

std::vector<std::string> splitSqlScript(std::string_view script) {
  std::vector<std::string> out;
  std::string current;
  auto finish = [&] {
    if (!blank(current)) out.push_back(trimmed(std::move(current)));
    current.clear();
  };
  std::size_t i = 0;
  while (i < script.size()) {
    const char c = script[i];
    if (c == '\'' || c == '"') {
      // A quoted run, copied whole; a doubled quote is one quote inside it.
      std::size_t end = i + 1;
      while (end < script.size()) {
        if (script[end] == c) {
          if (end + 1 < script.size() && script[end + 1] == c) {
            end += 2;
            continue;
          }
          break;
        }
        ++end;
      }
      end = end < script.size() ? end + 1 : script.size();  // an unclosed quote runs to the end
      current.append(script.substr(i, end - i));
      i = end;
    } else if (script.substr(i, 2) == "--") {
      std::size_t end = script.find('\n', i);
      i = end == std::string_view::npos ? script.size() : end;  // the newline stays: it separates
    } else if (script.substr(i, 2) == "/*") {
      std::size_t end = script.find("*/", i + 2);
      i = end == std::string_view::npos ? script.size() : end + 2;
      current.push_back(' ');
    } else if (c == ';') {
      finish();
      ++i;
    } else {
      current.push_back(c);
      ++i;
    }
  }
  finish();
  return out;
}

}  // namespace ucf::dbkit
