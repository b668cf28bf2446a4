#pragma once
// Certificates for the e-key login tests, made with the real `openssl` command as a CA or an
// e-key vendor would: RSA, ECDSA P-256 and SM2 CAs (SM2 signed with the GM/T default ID),
// leaf certificates with any validity window (`openssl ca -startdate/-enddate`), and
// signatures over login nonces (`openssl dgst -sign`).

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ucf::test {

/// The key algorithm of a test CA and its certificates.
enum class KeyKind { kRsa, kEcdsa, kSm2 };

/// Reads a whole file.
inline std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Writes a whole file.
inline void writeText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

/// Runs a shell command in `dir`; throws with its output when it fails.
inline void runIn(const std::filesystem::path& dir, const std::string& command) {
  std::string log = (dir / "openssl.log").string();
  std::string full = "cd '" + dir.string() + "' && { " + command + " ; } >'" + log + "' 2>&1";
  if (std::system(full.c_str()) != 0) throw std::runtime_error("command failed: " + command + "\n" + readText(log));
}

/// `t` as the `openssl ca` date format (UTC): YYYYMMDDHHMMSSZ.
inline std::string caDate(std::chrono::system_clock::time_point t) {
  std::time_t s = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%d%H%M%SZ", &tm);
  return buffer;
}

/// A CA made with the openssl command in its own folder, issuing end-entity certificates.
class TestCa {
 public:
  TestCa(std::filesystem::path dir, KeyKind kind, const std::string& name) : dir_(std::move(dir)), kind_(kind) {
    std::filesystem::create_directories(dir_ / "newcerts");
    writeText(dir_ / "index.txt", "");
    writeText(dir_ / "serial", "1000\n");
    writeText(dir_ / "ca.cnf", "[ ca ]\ndefault_ca = test_ca\n[ test_ca ]\ndir = " + dir_.string() +
                                   "\ndatabase = $dir/index.txt\nnew_certs_dir = $dir/newcerts\nserial = $dir/serial\n"
                                   "default_md = sha256\npolicy = policy_any\nunique_subject = no\npreserve = yes\n"
                                   "default_crl_days = 30\n"
                                   "email_in_dn = no\n[ policy_any ]\ncountryName = optional\n"
                                   "organizationName = optional\nserialNumber = optional\ncommonName = optional\n"
                                   "[ leaf_ext ]\nbasicConstraints = critical,CA:FALSE\n"
                                   "keyUsage = critical,digitalSignature,nonRepudiation\n"
                                   "[ client_ext ]\nbasicConstraints = critical,CA:FALSE\n"
                                   "keyUsage = critical,digitalSignature\nextendedKeyUsage = clientAuth\n"
                                   "[ server_only_ext ]\nbasicConstraints = critical,CA:FALSE\n"
                                   "keyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\n"
                                   "[ no_signature_ext ]\nbasicConstraints = critical,CA:FALSE\n"
                                   "keyUsage = critical,nonRepudiation,keyEncipherment\n"
                                   "[ ca_ext ]\nbasicConstraints = critical,CA:TRUE\n"
                                   "keyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n");
    runIn(dir_, newKey("ca.key"));
    // Self-signed through `openssl ca` to choose the window: 2000–2049, so that tests may move
    // the host clock far either way and the CA stays valid.
    runIn(dir_, "openssl req -new -key ca.key " + signOptions() + " -subj '/CN=" + name + "' -out ca.csr");
    runIn(dir_,
          "openssl ca -batch -selfsign -notext -config ca.cnf -keyfile ca.key -in ca.csr -out ca.pem "
          "-startdate 20000101000000Z -enddate 20491231000000Z -extensions ca_ext " +
              caSignOptions());
  }

  /// The CA certificate file (for `--trusted-ca`).
  [[nodiscard]] std::filesystem::path certificateFile() const { return dir_ / "ca.pem"; }

  /// An end-entity certificate and its key file.
  struct Leaf {
    std::string pem;
    std::filesystem::path keyFile;
    KeyKind kind;
  };

  /// Issues a certificate for `subject` (an openssl `-subj`, e.g.
  /// `/C=CN/O=某公司/serialNumber=91350100M000100Y43/CN=alice`) valid from `notBefore` to
  /// `notAfter`.
  Leaf issue(const std::string& name, const std::string& subject, std::chrono::system_clock::time_point notBefore,
             std::chrono::system_clock::time_point notAfter, const std::string& extensions = "leaf_ext") {
    std::string key = name + ".key";
    runIn(dir_, newKey(key));
    runIn(dir_, "openssl req -new -utf8 -key " + key + " " + signOptions() + " -subj '" + subject + "' -out " + name +
                    ".csr");
    runIn(dir_, "openssl ca -batch -utf8 -notext -config ca.cnf -cert ca.pem -keyfile ca.key -in " + name +
                    ".csr -out " + name + ".pem -extensions " + extensions + " -startdate " + caDate(notBefore) +
                    " -enddate " + caDate(notAfter) + " " + caSignOptions());
    return {readText(dir_ / (name + ".pem")), dir_ / key, kind_};
  }

  /// Issues a certificate valid from a day ago for 30 days, with the extensions of section
  /// `extensions` of ca.cnf: `leaf_ext` (key usage without extended key usage), `client_ext`
  /// (extended key usage clientAuth), `server_only_ext` (serverAuth only), `no_signature_ext`
  /// (key usage without digitalSignature).
  Leaf issue(const std::string& name, const std::string& subject, const std::string& extensions = "leaf_ext") {
    auto now = std::chrono::system_clock::now();
    return issue(name, subject, now - std::chrono::hours(24), now + std::chrono::hours(24 * 30), extensions);
  }

  /// Revokes the certificate issued as `name`.
  void revoke(const std::string& name) {
    runIn(dir_,
          "openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -revoke " + name + ".pem " + caSignOptions());
  }

  /// Writes the CA's current CRL (PEM) to `file` in its folder and returns its path.
  std::filesystem::path writeCrl(const std::string& file) {
    runIn(dir_,
          "openssl ca -batch -gencrl -config ca.cnf -cert ca.pem -keyfile ca.key -out " + file + " " + caSignOptions());
    return dir_ / file;
  }

 private:
  std::string newKey(const std::string& file) const {
    switch (kind_) {
      case KeyKind::kRsa: return "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + file;
      case KeyKind::kEcdsa: return "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out " + file;
      case KeyKind::kSm2: return "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out " + file;
    }
    return {};
  }
  std::string signOptions() const {
    return kind_ == KeyKind::kSm2 ? "-sm3 -sigopt distid:1234567812345678" : "-sha256";
  }

  std::string caSignOptions() const {
    return kind_ == KeyKind::kSm2 ? "-md sm3 -sigopt distid:1234567812345678 -vfyopt distid:1234567812345678"
                                  : "-md sha256";
  }

  std::filesystem::path dir_;
  KeyKind kind_;
};

/// Signs `message` with `keyFile` as an e-key would: SHA-256 for RSA and ECDSA, SM3 with the
/// default ID for SM2 (or, with `sm2WithoutId`, OpenSSL's empty ID: what the host must refuse).
inline std::string signWithCli(const std::filesystem::path& dir, const std::filesystem::path& keyFile, KeyKind kind,
                               const std::string& message, bool sm2WithoutId = false) {
  writeText(dir / "message.bin", message);
  std::string options =
      kind == KeyKind::kSm2 ? (sm2WithoutId ? "-sm3" : "-sm3 -sigopt distid:1234567812345678") : "-sha256";
  runIn(dir, "openssl dgst " + options + " -sign '" + keyFile.string() + "' -out signature.bin message.bin");
  return readText(dir / "signature.bin");
}

}  // namespace ucf::test
