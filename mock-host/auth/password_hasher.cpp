#include "mock-host/auth/password_hasher.hpp"

#include <stdexcept>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "mock-host/auth/base64.hpp"
#include "mock-host/auth/secure_random.hpp"

namespace ucf::host::auth {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kKeyBytes = 32;
constexpr int kMaxIterations = 10'000'000;

std::string derive(std::string_view password, std::string_view salt, int iterations, std::size_t keyBytes) {
  std::string key(keyBytes, '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                        EVP_sha256(), static_cast<int>(keyBytes), reinterpret_cast<unsigned char*>(key.data())) != 1) {
    throw std::runtime_error("PKCS5_PBKDF2_HMAC failed");
  }
  return key;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace

PasswordHasher::PasswordHasher(int iterations) : iterations_(iterations) {
  if (iterations < 1 || iterations > kMaxIterations) {
    throw std::invalid_argument("PBKDF2 iterations must be between 1 and 10,000,000");
  }
  dummyHash_ = hash(randomToken(24));
}

std::string PasswordHasher::hash(std::string_view password) const {
  std::string salt = randomBytes(kSaltBytes);
  std::string key = derive(password, salt, iterations_, kKeyBytes);
  return std::string(kScheme) + "$" + std::to_string(iterations_) + "$" + base64Encode(salt) + "$" + base64Encode(key);
}

bool PasswordHasher::verify(std::string_view password, std::string_view stored) const {
  auto parts = split(stored, '$');
  if (parts.size() != 4 || parts[0] != kScheme) return false;
  int iterations = 0;
  try {
    std::size_t used = 0;
    iterations = std::stoi(std::string(parts[1]), &used);
    if (used != parts[1].size()) return false;
  } catch (const std::exception&) {
    return false;
  }
  if (iterations < 1 || iterations > kMaxIterations) return false;
  auto salt = base64Decode(parts[2]);
  auto expected = base64Decode(parts[3]);
  if (!salt || !expected || expected->empty()) return false;
  std::string key = derive(password, *salt, iterations, expected->size());
  return CRYPTO_memcmp(key.data(), expected->data(), key.size()) == 0;
}

void PasswordHasher::verifyDummy(std::string_view password) const { (void)verify(password, dummyHash_); }

}  // namespace ucf::host::auth
