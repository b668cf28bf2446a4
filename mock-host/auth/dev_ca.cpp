#include "mock-host/auth/dev_ca.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "mock-host/auth/secure_random.hpp"

namespace ucf::host::auth {
namespace {

// 2020-01-01T00:00:00Z and 2050-01-01T00:00:00Z.
constexpr std::time_t kCaNotBefore = 1577836800;
constexpr std::time_t kCaNotAfter = 2524608000;

[[noreturn]] void fail(const std::string& what) {
  ERR_clear_error();
  throw std::runtime_error("dev CA: " + what);
}

std::string readBio(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string pemOfCert(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) fail("cannot write a certificate");
  return readBio(bio.get());
}

std::string pemOfKey(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    fail("cannot write a private key");
  }
  return readBio(bio.get());
}

EvpPkeyPtr newP256Key() {
  EvpPkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) fail("cannot generate an EC key");
  return key;
}

void addName(X509_NAME* name, int nid, const std::string& value) {
  if (X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.data()),
                                 static_cast<int>(value.size()), -1, 0) != 1) {
    fail("cannot set a subject attribute");
  }
}

void addExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) fail(std::string("cannot add the extension ") + value);
}

/// A certificate shell: v3, a random positive 127-bit serial, the validity window, the key.
X509Ptr newCertificate(EVP_PKEY* key, std::time_t notBefore, std::time_t notAfter) {
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) fail("cannot make a certificate");
  std::string serial = randomBytes(16);
  serial[0] = static_cast<char>(serial[0] & 0x7F);
  BignumPtr bn(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(serial.data()), static_cast<int>(serial.size()), nullptr));
  if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()))) fail("cannot set a serial number");
  if (!ASN1_TIME_set(X509_getm_notBefore(cert.get()), notBefore) ||
      !ASN1_TIME_set(X509_getm_notAfter(cert.get()), notAfter)) {
    fail("cannot set the validity");
  }
  if (X509_set_pubkey(cert.get(), key) != 1) fail("cannot set the public key");
  return cert;
}

/// Writes `text` to `path` with mode 0600 unless the file exists: false when it does.
bool createExclusively(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::path temp = path;
  temp += ".tmp-" + randomToken(8);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) fail("cannot write " + temp.string() + ": " + std::generic_category().message(errno));
  std::size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) {
      ::close(fd);
      ::unlink(temp.c_str());
      fail("cannot write " + temp.string());
    }
    written += static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  // link() refuses an existing name: of two hosts creating the CA at once, one wins.
  bool created = ::link(temp.c_str(), path.c_str()) == 0;
  int linkError = errno;
  ::unlink(temp.c_str());
  if (!created && linkError != EEXIST) fail("cannot create " + path.string() + ": " + std::generic_category().message(linkError));
  return created;
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string makeCaPem() {
  EvpPkeyPtr key = newP256Key();
  X509Ptr cert = newCertificate(key.get(), kCaNotBefore, kCaNotAfter);
  X509_NAME* name = X509_get_subject_name(cert.get());
  addName(name, NID_countryName, "CN");
  addName(name, NID_organizationName, "UCF mock host (development only)");
  addName(name, NID_commonName, "UCF Mock Host Dev CA");
  if (X509_set_issuer_name(cert.get(), name) != 1) fail("cannot set the issuer");
  addExtension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
  addExtension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  addExtension(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) fail("cannot sign the CA certificate");
  return pemOfKey(key.get()) + pemOfCert(cert.get());
}

}  // namespace

DevCa::DevCa(const std::filesystem::path& dataDir) {
  std::filesystem::path folder = dataDir / "dev-ca";
  std::filesystem::create_directories(folder);
  std::filesystem::path file = folder / "ca.pem";
  if (!std::filesystem::exists(file)) createExclusively(file, makeCaPem());
  std::string pem = readFile(file);
  BioPtr keyBio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  key_.reset(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
  BioPtr certBio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  certificate_.reset(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
  if (!key_ || !certificate_ || X509_check_private_key(certificate_.get(), key_.get()) != 1) {
    fail(file.string() + " does not hold a matching key and certificate");
  }
  ERR_clear_error();
  certificatePem_ = pemOfCert(certificate_.get());
  std::filesystem::path certFile = folder / "ca-cert.pem";
  if (!std::filesystem::exists(certFile)) createExclusively(certFile, certificatePem_);
}

DevCa::Issued DevCa::issue(const std::string& username, const std::string& uscc, const std::string& enterpriseName,
                           std::chrono::system_clock::time_point at) const {
  std::time_t now = std::chrono::system_clock::to_time_t(at);
  EvpPkeyPtr key = newP256Key();
  X509Ptr cert = newCertificate(key.get(), now - 3600, now + 365L * 24 * 3600);
  X509_NAME* name = X509_get_subject_name(cert.get());
  addName(name, NID_countryName, "CN");
  if (!enterpriseName.empty()) addName(name, NID_organizationName, enterpriseName);
  addName(name, NID_serialNumber, uscc);
  addName(name, NID_commonName, username);
  std::lock_guard lock(mutex_);
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(certificate_.get())) != 1) fail("cannot set the issuer");
  addExtension(cert.get(), certificate_.get(), NID_basic_constraints, "critical,CA:FALSE");
  addExtension(cert.get(), certificate_.get(), NID_key_usage, "critical,digitalSignature,nonRepudiation");
  addExtension(cert.get(), certificate_.get(), NID_ext_key_usage, "clientAuth");
  addExtension(cert.get(), certificate_.get(), NID_subject_key_identifier, "hash");
  addExtension(cert.get(), certificate_.get(), NID_authority_key_identifier, "keyid:always");
  if (X509_sign(cert.get(), key_.get(), EVP_sha256()) <= 0) fail("cannot sign the certificate");
  return {pemOfCert(cert.get()), pemOfKey(key.get())};
}

}  // namespace ucf::host::auth
