#pragma once

#include <istream>
#include <optional>
#include <string>

#include <boost/json/value.hpp>

namespace ucf::rest {

/// Outcome of reading a JSON request body.
struct ParsedJson {
  std::optional<boost::json::value> value;  ///< Set when the body was acceptable JSON.
  std::string problem;                      ///< Why not, for a 400 (empty when value is set).
};

/// Reads at most `maxBytes` of `body` and parses it as strict JSON: invalid UTF-8, duplicate
/// object keys, nesting deeper than 32, trailing content and comments are all refused (docs/PRODUCT.md §4).
/// An empty body is `null` when `emptyIsNull`, else refused.
ParsedJson parseStrictJson(std::istream& body, std::size_t maxBytes, bool emptyIsNull = false);

/// The same over text already in memory.
ParsedJson parseStrictJson(std::string_view text, bool emptyIsNull = false);

}  // namespace ucf::rest
