#pragma once

#include <string>

namespace ucf::rest {

/// `Content-Disposition: attachment` for a download named `fileName` (UTF-8): an ASCII fallback
/// and the UTF-8 name percent-encoded (RFC 6266, RFC 8187).
std::string contentDisposition(const std::string& fileName);

}  // namespace ucf::rest
