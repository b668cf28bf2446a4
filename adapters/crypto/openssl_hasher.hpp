#pragma once

#include "adapters/crypto/sha256.hpp"
#include "plugin/app/filing_store.hpp"

namespace ucf::adapters {

/// The services' Hasher port over OpenSSL.
class OpenSslHasher final : public app::Hasher {
 public:
  [[nodiscard]] std::string sha256Hex(std::string_view data) const override { return adapters::sha256Hex(data); }
};

}  // namespace ucf::adapters
