#pragma once

#include <string>
#include <string_view>

namespace ucf::adapters {

/// Lower-case hex SHA-256 of `data` (OpenSSL).
std::string sha256Hex(std::string_view data);

}  // namespace ucf::adapters
