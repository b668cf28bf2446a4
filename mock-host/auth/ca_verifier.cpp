#include "mock-host/auth/ca_verifier.hpp"

#include <ctime>
#include <limits>
#include <stdexcept>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "reference/uscc.hpp"

namespace ucf::host::auth {
namespace {

constexpr int kMinRsaBits = 2048;

std::optional<std::string> subjectEntry(X509* cert, int nid) {
  X509_NAME* name = X509_get_subject_name(cert);
  int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return std::nullopt;
  ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  int length = ASN1_STRING_to_UTF8(&utf8, data);
  if (length < 0) return std::nullopt;
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return out;
}

std::chrono::system_clock::time_point timeOf(const ASN1_TIME* time) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(time, &tm) != 1) return {};
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

bool isSm2Key(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "SM2")) return true;
  if (!EVP_PKEY_is_a(key, "EC")) return false;
  char group[64] = {0};
  std::size_t length = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length) != 1) {
    return false;
  }
  return std::string_view(group, length) == "SM2";
}

CertificateCheck refused(CertificateProblem problem, std::string detail) {
  CertificateCheck out;
  out.problem = problem;
  out.detail = std::move(detail);
  return out;
}

std::string pemOf(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) throw std::runtime_error("cannot write a certificate");
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

}  // namespace

const char* toString(CertificateProblem problem) {
  switch (problem) {
    case CertificateProblem::kMalformed: return "malformed";
    case CertificateProblem::kUntrusted: return "untrusted";
    case CertificateProblem::kExpired: return "expired";
    case CertificateProblem::kNotYetValid: return "not_yet_valid";
    case CertificateProblem::kNoUsername: return "no_username";
    case CertificateProblem::kNoUscc: return "no_uscc";
    case CertificateProblem::kUnsupportedKey: return "unsupported_key";
    case CertificateProblem::kRevoked: return "revoked";
  }
  return "malformed";
}

const char* messageOf(CertificateProblem problem) {
  switch (problem) {
    case CertificateProblem::kMalformed: return "无法读取证书（应为 PEM 格式）";
    case CertificateProblem::kUntrusted: return "证书不是受信任的CA签发的";
    case CertificateProblem::kExpired: return "证书已过期，请选择在有效期内的CA证书";
    case CertificateProblem::kNotYetValid: return "证书尚未生效，请选择在有效期内的CA证书";
    case CertificateProblem::kNoUsername: return "证书主题中没有用户名（CN）";
    case CertificateProblem::kNoUscc: return "证书中没有有效的统一社会信用代码";
    case CertificateProblem::kUnsupportedKey: return "不支持该证书的密钥类型或用途";
    case CertificateProblem::kRevoked: return "证书已被吊销";
  }
  return "无法读取证书";
}

namespace {

// Reads every PEM object that `read` understands; empty when there is none or the text is damaged.
template <typename Owned, typename Read>
std::vector<Owned> readPemObjects(std::string_view pem, Read read) {
  std::vector<Owned> out;
  if (pem.empty() || pem.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return out;
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return out;
  while (auto* object = read(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(object);
  // The loop ends on "no start line"; anything else after an object means a damaged text.
  unsigned long error = ERR_peek_last_error();
  bool clean = error == 0 || ERR_GET_REASON(error) == PEM_R_NO_START_LINE;
  ERR_clear_error();
  if (!clean) out.clear();
  return out;
}

}  // namespace

std::vector<X509Ptr> readCertificates(std::string_view pem) { return readPemObjects<X509Ptr>(pem, PEM_read_bio_X509); }

std::vector<X509CrlPtr> readCrls(std::string_view pem) {
  return readPemObjects<X509CrlPtr>(pem, PEM_read_bio_X509_CRL);
}

void useSm2DefaultId(X509* cert) {
  if (X509_get_signature_nid(cert) != NID_SM2_with_SM3) return;
  ASN1_OCTET_STRING* id = ASN1_OCTET_STRING_new();
  if (!id || ASN1_OCTET_STRING_set(id, reinterpret_cast<const unsigned char*>(kSm2DefaultId.data()),
                                   static_cast<int>(kSm2DefaultId.size())) != 1) {
    ASN1_OCTET_STRING_free(id);
    throw std::runtime_error("cannot set the SM2 ID");
  }
  X509_set0_distinguishing_id(cert, id);  // the certificate owns it from here
}

CaVerifier::CaVerifier(const std::vector<std::string>& rootPems, const std::vector<std::string>& crlPems)
    : store_(X509_STORE_new()) {
  for (const auto& pem : crlPems) {
    auto crls = readCrls(pem);
    if (crls.empty()) throw std::invalid_argument("a CRL file holds no PEM CRL");
    for (auto& crl : crls) crls_.push_back(std::move(crl));
  }
  if (!store_) throw std::runtime_error("X509_STORE_new failed");
  for (const auto& pem : rootPems) {
    auto certs = readCertificates(pem);
    if (certs.empty()) throw std::invalid_argument("a trusted CA file holds no PEM certificate");
    for (auto& cert : certs) {
      useSm2DefaultId(cert.get());
      if (X509_STORE_add_cert(store_.get(), cert.get()) != 1) {
        // A duplicate root is harmless; anything else is not.
        unsigned long error = ERR_peek_last_error();
        ERR_clear_error();
        if (ERR_GET_REASON(error) != X509_R_CERT_ALREADY_IN_HASH_TABLE) {
          throw std::runtime_error("cannot trust a CA certificate");
        }
      }
      roots_.push_back(std::move(cert));
    }
  }
  // An operator may trust an intermediate CA on its own.
  X509_STORE_set_flags(store_.get(), X509_V_FLAG_PARTIAL_CHAIN);
}

CertificateCheck CaVerifier::check(std::string_view pem, std::chrono::system_clock::time_point at) const {
  auto certs = readCertificates(pem);
  if (certs.empty()) return refused(CertificateProblem::kMalformed, "no PEM certificate");
  for (auto& cert : certs) useSm2DefaultId(cert.get());
  X509* leaf = certs.front().get();

  X509StackPtr chain(sk_X509_new_null());
  if (!chain) throw std::runtime_error("sk_X509_new_null failed");
  for (std::size_t i = 1; i < certs.size(); ++i) {
    X509_up_ref(certs[i].get());
    if (sk_X509_push(chain.get(), certs[i].get()) <= 0) {
      X509_free(certs[i].get());
      throw std::runtime_error("sk_X509_push failed");
    }
  }
  X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store_.get(), leaf, chain.get()) != 1) {
    throw std::runtime_error("X509_STORE_CTX_init failed");
  }
  X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), std::chrono::system_clock::to_time_t(at));
  int verified = X509_verify_cert(ctx.get());
  int error = X509_STORE_CTX_get_error(ctx.get());
  int depth = X509_STORE_CTX_get_error_depth(ctx.get());
  ERR_clear_error();
  if (verified != 1) {
    std::string detail = std::string(X509_verify_cert_error_string(error)) + " at depth " + std::to_string(depth);
    if (error == X509_V_ERR_CERT_HAS_EXPIRED) return refused(CertificateProblem::kExpired, detail);
    if (error == X509_V_ERR_CERT_NOT_YET_VALID) return refused(CertificateProblem::kNotYetValid, detail);
    return refused(CertificateProblem::kUntrusted, detail);
  }
  // The chain as verified, leaf first; the top is a trusted root, which no CRL here revokes.
  STACK_OF(X509)* verifiedChain = X509_STORE_CTX_get0_chain(ctx.get());
  for (int i = 0; i + 1 < sk_X509_num(verifiedChain); ++i) {
    if (revoked(sk_X509_value(verifiedChain, i))) {
      return refused(CertificateProblem::kRevoked, "revoked at depth " + std::to_string(i));
    }
  }

  EVP_PKEY* key = X509_get0_pubkey(leaf);
  if (!key) return refused(CertificateProblem::kUnsupportedKey, "no public key");
  bool rsa = EVP_PKEY_is_a(key, "RSA");
  if (rsa && EVP_PKEY_get_bits(key) < kMinRsaBits) {
    return refused(CertificateProblem::kUnsupportedKey, "RSA key below 2048 bits");
  }
  if (!rsa && !EVP_PKEY_is_a(key, "EC") && !EVP_PKEY_is_a(key, "SM2")) {
    return refused(CertificateProblem::kUnsupportedKey, "neither an RSA, EC nor SM2 key");
  }
  // UINT32_MAX: the extension is absent, which allows every use.
  std::uint32_t usage = X509_get_key_usage(leaf);
  if (usage != UINT32_MAX && !(usage & KU_DIGITAL_SIGNATURE)) {
    return refused(CertificateProblem::kUnsupportedKey, "the key usage lacks digitalSignature");
  }
  std::uint32_t extendedUsage = X509_get_extended_key_usage(leaf);
  if (extendedUsage != UINT32_MAX && !(extendedUsage & XKU_SSL_CLIENT)) {
    return refused(CertificateProblem::kUnsupportedKey, "the extended key usage lacks clientAuth");
  }

  auto username = subjectEntry(leaf, NID_commonName);
  if (!username || username->empty()) return refused(CertificateProblem::kNoUsername, "no subject CN");
  auto uscc = subjectEntry(leaf, NID_serialNumber);
  if (!uscc || !reference::isValidUscc(*uscc)) {
    return refused(CertificateProblem::kNoUscc, "no valid USCC in the subject serialNumber");
  }
  CertificateIdentity identity;
  identity.username = *username;
  identity.uscc = *uscc;
  identity.enterpriseName = subjectEntry(leaf, NID_organizationName).value_or("");
  identity.notAfter = timeOf(X509_get0_notAfter(leaf));
  identity.leafPem = pemOf(leaf);
  CertificateCheck out;
  out.identity = std::move(identity);
  return out;
}

bool CaVerifier::revoked(X509* cert) const {
  for (const auto& crl : crls_) {
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_issuer_name(cert)) != 0) continue;
    X509_REVOKED* entry = nullptr;
    if (X509_CRL_get0_by_cert(crl.get(), &entry, cert) == 1) return true;
  }
  return false;
}

bool CaVerifier::verifySignature(std::string_view leafPem, std::string_view message, std::string_view signature) {
  auto certs = readCertificates(leafPem);
  if (certs.empty()) return false;
  EVP_PKEY* key = X509_get0_pubkey(certs.front().get());
  if (!key) return false;
  // The key context outlives the digest context that borrows it.
  EvpPkeyCtxPtr keyCtx;
  EvpMdCtxPtr md(EVP_MD_CTX_new());
  if (!md) throw std::runtime_error("EVP_MD_CTX_new failed");
  int ok = 0;
  if (isSm2Key(key)) {
    keyCtx.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!keyCtx || EVP_PKEY_CTX_set1_id(keyCtx.get(), kSm2DefaultId.data(), kSm2DefaultId.size()) <= 0) {
      ERR_clear_error();
      return false;
    }
    EVP_MD_CTX_set_pkey_ctx(md.get(), keyCtx.get());
    ok = EVP_DigestVerifyInit(md.get(), nullptr, EVP_sm3(), nullptr, key);
  } else if (EVP_PKEY_is_a(key, "RSA") || EVP_PKEY_is_a(key, "EC")) {
    ok = EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key);
  }
  bool verified =
      ok == 1 && EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                  reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  ERR_clear_error();
  return verified;
}

}  // namespace ucf::host::auth
