#pragma once

#include <string>
#include <string_view>

namespace ucf::host::auth {

/// PBKDF2-HMAC-SHA256 iterations of a new password hash. High enough to make guessing slow,
/// low enough to keep a login under 100 ms on the machines we run on: one iteration costs
/// about 0.6 µs of CPU here, so a password check takes about 70 ms.
inline constexpr int kDefaultPbkdf2Iterations = 120'000;

/// Salted slow password hashes through OpenSSL (PBKDF2-HMAC-SHA256, 16-byte random salt,
/// 32-byte key). A hash is stored as `pbkdf2-sha256$<iterations>$<salt b64>$<key b64>`, so a
/// stored hash keeps verifying when the iteration count of new hashes changes.
/// Immutable after construction; thread-safe.
class PasswordHasher {
 public:
  /// `iterations` for new hashes; tests lower it to stay fast. Throws std::invalid_argument below 1.
  explicit PasswordHasher(int iterations = kDefaultPbkdf2Iterations);

  /// A fresh salted hash of `password`.
  [[nodiscard]] std::string hash(std::string_view password) const;

  /// Whether `password` matches `stored` (in constant time over the derived key). A malformed
  /// `stored` never matches.
  [[nodiscard]] bool verify(std::string_view password, std::string_view stored) const;

  /// Spends as long as a `verify` of a real hash, and fails: for unknown accounts, so that the
  /// answer time does not tell which accounts exist.
  void verifyDummy(std::string_view password) const;

  /// Iterations of new hashes.
  [[nodiscard]] int iterations() const { return iterations_; }

 private:
  int iterations_;
  std::string dummyHash_;
};

}  // namespace ucf::host::auth
