#pragma once

#include <cstddef>
#include <string>

namespace ucf::host::auth {

/// `count` bytes from OpenSSL's CSPRNG (RAND_bytes). Throws std::runtime_error when the
/// generator fails (never returns weak bytes).
std::string randomBytes(std::size_t count);

/// A URL-safe token of `bytes` random bytes (base64url, no padding): session ids, CSRF tokens,
/// captcha and challenge ids.
std::string randomToken(std::size_t bytes);

/// A uniformly random index below `bound` (> 0), from the CSPRNG.
std::size_t randomIndex(std::size_t bound);

}  // namespace ucf::host::auth
