#include "mock-host/auth/secure_random.hpp"

#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>

#include <openssl/rand.h>

#include "mock-host/auth/base64.hpp"

namespace ucf::host::auth {

std::string randomBytes(std::size_t count) {
  std::string out(count, '\0');
  if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return out;
}

std::string randomToken(std::size_t bytes) { return base64UrlEncode(randomBytes(bytes)); }

std::size_t randomIndex(std::size_t bound) {
  // Rejection sampling: no modulo bias.
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
  while (true) {
    std::string raw = randomBytes(sizeof(std::uint64_t));
    std::uint64_t v = 0;
    std::memcpy(&v, raw.data(), sizeof v);
    if (v < limit) return static_cast<std::size_t>(v % bound);
  }
}

}  // namespace ucf::host::auth
