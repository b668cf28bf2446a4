#pragma once

#include <string_view>

#include <boost/json/parse_options.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

namespace ucf::json {

/// Parses one whole JSON document (trailing content is an error) as boost::json::parse does,
/// except that every non-integral number is the correctly rounded double of its text
/// (std::from_chars). Boost.JSON 1.81 may be one unit in the last place off for numbers of many
/// digits, so a number the JsonWriter wrote in shortest form would not read back as itself (a
/// stored form would change on reload). Numbers out of double's range keep Boost.JSON's value.
/// On failure sets `ec` and returns null. Thread-safe (no shared state).
boost::json::value parseJson(std::string_view text, boost::json::error_code& ec, boost::json::storage_ptr sp = {},
                             const boost::json::parse_options& options = {});

/// The same, throwing boost::system::system_error on failure.
boost::json::value parseJson(std::string_view text, boost::json::storage_ptr sp = {},
                             const boost::json::parse_options& options = {});

}  // namespace ucf::json
