#include "plugin/rest/strict_json.hpp"

#include <set>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parser.hpp>

#include "plugin/json/json_parser.hpp"

namespace ucf::rest {
namespace {

constexpr std::size_t kMaxDepth = 32;

// A basic_parser handler that only watches object keys, to find duplicates (Boost.JSON 1.81
// keeps the last value silently). Values are built by a second, normal parse.
// Boost.JSON's basic_parser calls a handler by these snake_case names.
// NOLINTBEGIN(readability-identifier-naming)
struct DuplicateKeyFinder {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  std::vector<std::set<std::string>> keys;
  std::string partialKey;
  std::string duplicate;

  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }
  bool on_object_begin(boost::json::error_code&) {
    keys.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, boost::json::error_code&) {
    keys.pop_back();
    return true;
  }
  bool on_array_begin(boost::json::error_code&) { return true; }
  bool on_array_end(std::size_t, boost::json::error_code&) { return true; }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    partialKey.append(s.data(), s.size());
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code& ec) {
    partialKey.append(s.data(), s.size());
    if (!keys.back().insert(partialKey).second) {
      duplicate = partialKey;
      ec = boost::json::error::syntax;  // stop parsing
      partialKey.clear();
      return false;
    }
    partialKey.clear();
    return true;
  }
  bool on_string_part(boost::json::string_view, std::size_t, boost::json::error_code&) { return true; }
  bool on_string(boost::json::string_view, std::size_t, boost::json::error_code&) { return true; }
  bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_int64(std::int64_t, boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_uint64(std::uint64_t, boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_double(double, boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_bool(bool, boost::json::error_code&) { return true; }
  bool on_null(boost::json::error_code&) { return true; }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }
};
// NOLINTEND(readability-identifier-naming)

}  // namespace

ParsedJson parseStrictJson(std::string_view text, bool emptyIsNull) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    if (emptyIsNull) return {boost::json::value(nullptr), {}};
    return {std::nullopt, "The request body is empty; a JSON document is required."};
  }
  boost::json::parse_options options;
  options.max_depth = kMaxDepth;
  options.allow_comments = false;
  options.allow_trailing_commas = false;
  options.allow_invalid_utf8 = false;

  boost::json::basic_parser<DuplicateKeyFinder> finder(options);
  boost::json::error_code ec;
  finder.write_some(false, text.data(), text.size(), ec);
  if (!finder.handler().duplicate.empty()) {
    return {std::nullopt, "The JSON object has the key \"" + finder.handler().duplicate + "\" more than once."};
  }
  if (ec) {
    if (ec == boost::json::error::too_deep) return {std::nullopt, "The JSON document is nested deeper than 32 levels."};
    return {std::nullopt, "The request body is not valid JSON (UTF-8): " + ec.message() + "."};
  }
  boost::json::value value = json::parseJson(text, ec, {}, options);  // trailing content is an error
  if (ec) return {std::nullopt, "The request body is not valid JSON (UTF-8): " + ec.message() + "."};
  return {std::move(value), {}};
}

ParsedJson parseStrictJson(std::istream& body, std::size_t maxBytes, bool emptyIsNull) {
  std::string text;
  char buffer[8192];
  while (body.read(buffer, sizeof buffer) || body.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(body.gcount()));
    if (text.size() > maxBytes) return {std::nullopt, "The JSON body is larger than " + std::to_string(maxBytes) + " bytes."};
  }
  return parseStrictJson(text, emptyIsNull);
}

}  // namespace ucf::rest
