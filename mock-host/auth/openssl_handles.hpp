#pragma once

#include <memory>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace ucf::host::auth {

/// Deleters for the OpenSSL objects the host owns, so that every one is freed on every path.
struct OpensslFree {
  void operator()(BIO* p) const { BIO_free_all(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
  void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
  void operator()(STACK_OF(X509) * p) const { freeCertificateStack(p); }
  void operator()(X509_NAME* p) const { X509_NAME_free(p); }
  void operator()(ASN1_INTEGER* p) const { ASN1_INTEGER_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(X509_CRL* p) const { X509_CRL_free(p); }

 private:
  static void freeCertificateStack(STACK_OF(X509) * p) { sk_X509_pop_free(p, X509_free); }
};

/// An owned BIO.
using BioPtr = std::unique_ptr<BIO, OpensslFree>;
/// An owned certificate.
using X509Ptr = std::unique_ptr<X509, OpensslFree>;
/// An owned certificate store.
using X509StorePtr = std::unique_ptr<X509_STORE, OpensslFree>;
/// An owned verification context.
using X509StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OpensslFree>;
/// An owned key.
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpensslFree>;
/// An owned key context.
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpensslFree>;
/// An owned digest context.
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpensslFree>;
/// An owned stack of certificates (and the certificates in it).
using X509StackPtr = std::unique_ptr<STACK_OF(X509), OpensslFree>;
/// An owned distinguished name.
using X509NamePtr = std::unique_ptr<X509_NAME, OpensslFree>;
/// An owned ASN.1 integer.
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, OpensslFree>;
/// An owned certificate extension.
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpensslFree>;
/// An owned big number.
using BignumPtr = std::unique_ptr<BIGNUM, OpensslFree>;
/// An owned certificate revocation list.
using X509CrlPtr = std::unique_ptr<X509_CRL, OpensslFree>;

}  // namespace ucf::host::auth
