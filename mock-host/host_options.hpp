#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mock-host/auth/password_hasher.hpp"

namespace ucf::host {

/// The mock host's command line (docs/PRODUCT.md §7).
struct HostOptions {
  std::uint16_t port = 8080;  ///< 0 = any free port.
  std::string bind = "127.0.0.1";
  std::string dataDir = "./var";
  std::string db;  ///< `sqlite:PATH` or `postgresql://…`; default `sqlite:<dataDir>/host.sqlite`.
  std::optional<std::string> pluginsDir;  ///< Default: `../plugins` beside the executable.
  std::vector<std::string> trustedCaFiles;
  std::vector<std::string> crlFiles;  ///< `--crl`: PEM CRLs of the trusted CAs.
  /// `--tls-cert` and `--tls-key`: PEM files; when both are set the host serves HTTPS only.
  std::optional<std::string> tlsCertFile;
  std::optional<std::string> tlsKeyFile;
  std::optional<std::string> configFile;  ///< JSON: {"plugins": {"<id>": {"key": "value"}}}
  /// `--smtp HOST:PORT`: the relay notification mail goes through; without it mail stays in the
  /// outbox (docs/PRODUCT.md §7.2).
  std::optional<std::string> smtp;
  bool dev = false;
  int maxThreads = 32;
  int maxQueued = 256;
  int timeoutSeconds = 30;
  /// A request whose line and headers are not complete this long after the connection was
  /// accepted (or its previous response sent) is dropped (`--header-timeout`, docs/PRODUCT.md §7.1).
  int headerTimeoutSeconds = 10;
  std::int64_t maxBodyBytes = 12 * 1024 * 1024;  ///< Request bodies above this are refused (413).
  /// The longest a database statement may run, in milliseconds (`--statement-timeout`,
  /// docs/PRODUCT.md §8): the host's own, and the plugins' unless their configuration sets
  /// `statementTimeoutMs`. Past it the statement ends and its request gets 503.
  int statementTimeoutMs = 5000;
  /// How long a session lookup is reused while this host hears the session changes of the
  /// others (`--session-cache`, seconds; PostgreSQL `LISTEN`, docs/PRODUCT.md §7); otherwise,
  /// and always on SQLite, one second.
  int sessionCacheSeconds = 300;
  /// PBKDF2 iterations of new password hashes; tests lower it to stay fast (no flag: the
  /// command line always uses the default).
  int pbkdf2Iterations = auth::kDefaultPbkdf2Iterations;
  /// Unanswered captchas and e-key challenges kept in the host database; issuing more drops the
  /// oldest, so anonymous requests cannot grow it without limit (tests lower them; no flag).
  std::int64_t maxPendingCaptchas = 10000;
  std::int64_t maxPendingChallenges = 1000;  ///< Each holds a certificate of up to 64 KiB.
};

/// Parses `argv`; throws std::invalid_argument naming the bad flag.
HostOptions parseHostOptions(int argc, char** argv);

/// One line per flag, for `--help`.
std::string hostOptionsHelp();

}  // namespace ucf::host
