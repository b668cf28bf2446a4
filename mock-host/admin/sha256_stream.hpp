#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace ucf::host::admin {

/// SHA-256 over bytes given piece by piece (OpenSSL EVP), for files too large to hold at once.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void update(const void* data, std::size_t length);
  /// Lower-case hex of everything given so far; ends the stream.
  std::string hex();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

/// The SHA-256 (hex) of a whole file; throws std::runtime_error when it cannot be read.
std::string sha256OfFile(const std::string& path);

}  // namespace ucf::host::admin
