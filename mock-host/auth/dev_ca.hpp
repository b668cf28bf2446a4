#pragma once

#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>

#include "mock-host/auth/openssl_handles.hpp"

namespace ucf::host::auth {

/// The mock host's own certificate authority, for `--dev` only (docs/PRODUCT.md §7): made once per data
/// folder with OpenSSL (an ECDSA P-256 key, self-signed, valid 2020–2050 so that a moved host
/// clock stays inside it) and kept in `<data-dir>/dev-ca/ca.pem` (key and certificate, mode
/// 0600); `<data-dir>/dev-ca/ca-cert.pem` holds the certificate alone, for people and tools.
/// Issues enterprise certificates like a Chinese CA's: subject C=CN, O=<enterprise name>,
/// serialNumber=<USCC>, CN=<username>. Thread-safe.
class DevCa {
 public:
  /// Loads the dev CA of `dataDir`, creating it when there is none (several hosts racing to
  /// create it end up with one). Throws std::runtime_error when it cannot be read or written.
  explicit DevCa(const std::filesystem::path& dataDir);

  /// The CA certificate (PEM): the host trusts it in `--dev`.
  [[nodiscard]] const std::string& certificatePem() const { return certificatePem_; }

  /// An issued certificate and its private key (PEM, PKCS#8, unencrypted).
  struct Issued {
    std::string certificatePem;
    std::string privateKeyPem;
  };

  /// Issues a certificate with a fresh ECDSA P-256 key for `username` of the enterprise `uscc`,
  /// valid from an hour before `at` for one year (by the host clock, so it fits a moved clock).
  Issued issue(const std::string& username, const std::string& uscc, const std::string& enterpriseName,
               std::chrono::system_clock::time_point at) const;

 private:
  mutable std::mutex mutex_;
  EvpPkeyPtr key_;
  X509Ptr certificate_;
  std::string certificatePem_;
};

}  // namespace ucf::host::auth
