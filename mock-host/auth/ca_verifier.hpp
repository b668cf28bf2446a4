#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mock-host/auth/openssl_handles.hpp"

namespace ucf::host::auth {

/// The SM2 distinguishing ID of GM/T 0009 that Chinese CAs and e-keys use (OpenSSL 3.0 uses an
/// empty ID unless told).
inline constexpr std::string_view kSm2DefaultId = "1234567812345678";

/// What an accepted enterprise certificate says (docs/PRODUCT.md §2, §7).
struct CertificateIdentity {
  std::string username;        ///< The subject's CN.
  std::string uscc;            ///< The subject's serialNumber (2.5.4.5), a valid USCC.
  std::string enterpriseName;  ///< The subject's O, if any.
  std::chrono::system_clock::time_point notAfter;
  std::string leafPem;  ///< The end-entity certificate alone, as PEM.
};

/// Why a certificate was refused.
enum class CertificateProblem {
  kMalformed,       ///< Not a PEM certificate.
  kUntrusted,       ///< Its chain does not lead to a trusted root, or a signature in it is bad.
  kExpired,         ///< Past its validity window at the host's time.
  kNotYetValid,     ///< Before its validity window at the host's time.
  kNoUsername,      ///< No subject CN.
  kNoUscc,          ///< No valid USCC in the subject's serialNumber.
  kUnsupportedKey,  ///< Not an RSA (≥ 2048 bits), EC or SM2 key, or not for signing.
  kRevoked,         ///< It (or a CA above it) is listed in a loaded CRL.
};

/// The 422 code of a problem: `malformed`, `untrusted`, `expired`, `not_yet_valid`,
/// `no_username`, `no_uscc`, `unsupported_key`, `revoked`.
const char* toString(CertificateProblem problem);

/// What a problem means, for people (Chinese, as the login page shows it).
const char* messageOf(CertificateProblem problem);

/// The result of checking a certificate: the identity, or the problem and a detail for logs.
struct CertificateCheck {
  std::optional<CertificateIdentity> identity;
  CertificateProblem problem = CertificateProblem::kMalformed;
  std::string detail;
};

/// Verifies e-key certificates and their signatures with OpenSSL (docs/PRODUCT.md §7): the chain against
/// the trusted roots, the validity window at the host clock's time, revocation in the loaded
/// CRLs, key usage (digitalSignature when a key usage is present, clientAuth when an extended
/// key usage is), the subject's CN and USCC; and signatures over login nonces: RSA and ECDSA with SHA-256, SM2 with SM3
/// and the default ID (also for SM2-signed certificates in the chain). Immutable after construction; thread-safe.
class CaVerifier {
 public:
  /// Trusts every certificate in `rootPems` (each a PEM text that may hold several) and refuses
  /// the certificates revoked in `crlPems` (PEM CRLs, `--crl`). A CRL is taken as the operator
  /// gives it, like a trusted root: it applies to the certificates whose issuer it names.
  /// Throws std::invalid_argument when a text holds no certificate, or no CRL.
  explicit CaVerifier(const std::vector<std::string>& rootPems, const std::vector<std::string>& crlPems = {});

  /// Number of trusted root certificates.
  [[nodiscard]] std::size_t rootCount() const { return roots_.size(); }

  /// Checks `pem` — the end-entity certificate, optionally followed by intermediate CA
  /// certificates — at `at`.
  [[nodiscard]] CertificateCheck check(std::string_view pem, std::chrono::system_clock::time_point at) const;

  /// Whether `signature` is a signature of `message` by the key of the certificate `leafPem`.
  [[nodiscard]] static bool verifySignature(std::string_view leafPem, std::string_view message,
                                            std::string_view signature);

 private:
  [[nodiscard]] bool revoked(X509* cert) const;

  std::vector<X509Ptr> roots_;
  std::vector<X509CrlPtr> crls_;
  X509StorePtr store_;
};

/// Reads every certificate in a PEM text; empty when there is none or the text is malformed.
std::vector<X509Ptr> readCertificates(std::string_view pem);

/// Reads every CRL in a PEM text; empty when there is none or the text is malformed.
std::vector<X509CrlPtr> readCrls(std::string_view pem);

/// Sets the SM2 default ID on `cert` when an SM2 key signed it, so that OpenSSL checks its
/// signature as GM/T CAs make it.
void useSm2DefaultId(X509* cert);

}  // namespace ucf::host::auth
