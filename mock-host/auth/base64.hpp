#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ucf::host::auth {

/// Standard base64 (RFC 4648 §4) with padding.
std::string base64Encode(std::string_view bytes);

/// Decodes standard base64 with padding; whitespace is not allowed. Nullopt when malformed.
std::optional<std::string> base64Decode(std::string_view text);

/// URL-safe base64 (RFC 4648 §5) without padding: for ids and tokens in cookies and headers.
std::string base64UrlEncode(std::string_view bytes);

}  // namespace ucf::host::auth
