#include "mock-host/host_options.hpp"

#include <stdexcept>
#include <string_view>

namespace ucf::host {

HostOptions parseHostOptions(int argc, char** argv) {
  HostOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(std::string(flag) + " needs a value");
      return argv[++i];
    };
    auto number = [&](long max) -> long {
      std::string v = value();
      std::size_t used = 0;
      long n = -1;
      try {
        n = std::stol(v, &used);
      } catch (const std::exception&) {
      }
      if (used != v.size() || n < 0 || n > max) {
        throw std::invalid_argument(std::string(flag) + " must be a number from 0 to " + std::to_string(max));
      }
      return n;
    };
    if (flag == "--port") {
      options.port = static_cast<std::uint16_t>(number(65535));
    } else if (flag == "--bind") {
      options.bind = value();
    } else if (flag == "--data-dir") {
      options.dataDir = value();
    } else if (flag == "--db") {
      options.db = value();
    } else if (flag == "--plugins") {
      options.pluginsDir = value();
    } else if (flag == "--trusted-ca") {
      options.trustedCaFiles.push_back(value());
    } else if (flag == "--crl") {
      options.crlFiles.push_back(value());
    } else if (flag == "--tls-cert") {
      options.tlsCertFile = value();
    } else if (flag == "--tls-key") {
      options.tlsKeyFile = value();
    } else if (flag == "--header-timeout") {
      options.headerTimeoutSeconds = static_cast<int>(number(3600));
      if (options.headerTimeoutSeconds == 0) throw std::invalid_argument("--header-timeout must be at least 1");
    } else if (flag == "--smtp") {
      options.smtp = value();
    } else if (flag == "--config") {
      options.configFile = value();
    } else if (flag == "--dev") {
      options.dev = true;
    } else if (flag == "--threads") {
      options.maxThreads = static_cast<int>(number(1024));
    } else if (flag == "--statement-timeout") {
      options.statementTimeoutMs = static_cast<int>(number(3600000));
      if (options.statementTimeoutMs == 0) throw std::invalid_argument("--statement-timeout must be at least 1");
    } else if (flag == "--session-cache") {
      // Below the idle limit (30 min), so that a cached entry never outlives the rule it checks.
      options.sessionCacheSeconds = static_cast<int>(number(1800));
      if (options.sessionCacheSeconds == 0) throw std::invalid_argument("--session-cache must be at least 1");
    } else if (flag == "--max-body") {
      options.maxBodyBytes = number(1L << 40);
    } else {
      throw std::invalid_argument("unknown flag " + std::string(flag) + " (see --help)");
    }
  }
  if (options.tlsCertFile.has_value() != options.tlsKeyFile.has_value()) {
    throw std::invalid_argument("--tls-cert and --tls-key go together");
  }
  if (options.db.empty()) options.db = "sqlite:" + options.dataDir + "/host.sqlite";
  return options;
}

std::string hostOptionsHelp() {
  return "usage: mock-host [flags]\n"
         "       mock-host inspect PLUGIN.so   print a plugin's metadata without loading it\n"
         "  --port N          listen port (default 8080; 0 = any free port)\n"
         "  --bind ADDR       listen address (default 127.0.0.1)\n"
         "  --data-dir DIR    where SQLite files live (default ./var)\n"
         "  --db URI          sqlite:PATH (default sqlite:DIR/host.sqlite) or postgresql://...\n"
         "  --plugins DIR     plugin folder (default: ../plugins beside this executable)\n"
         "  --trusted-ca FILE trusted CA certificates for e-key login (PEM; may repeat)\n"
         "  --crl FILE        revocation list of a trusted CA (PEM; may repeat)\n"
         "  --tls-cert FILE   serve HTTPS with this certificate (PEM; with --tls-key)\n"
         "  --tls-key FILE    the private key of --tls-cert (PEM)\n"
         "  --header-timeout S drop a request whose line and headers take longer (default 10)\n"
         "  --smtp HOST:PORT  send notification mail through this SMTP relay (default: keep it in the outbox)\n"
         "  --config FILE     JSON configuration: {\"plugins\": {\"<id>\": {\"key\": \"value\"}}}\n"
         "  --dev             developer mode: dev CA, dev endpoints, captcha answers\n"
         "  --threads N       HTTP worker threads (default 32)\n"
         "  --max-body BYTES  request body cap (default 12 MiB)\n"
         "  --statement-timeout MS  longest database statement (default 5000); past it, 503\n"
         "  --session-cache S reuse a session lookup this long while other hosts' changes are heard\n"
         "                    (PostgreSQL LISTEN; default 300, at most 1800); otherwise 1 s\n"
         "\n"
         "mock-host backup --data-dir DIR --db DB --to FILE     online, consistent copy\n"
         "mock-host restore --from FILE --data-dir DIR --db DB  into an empty place\n"
         "mock-host verify --data-dir DIR --db DB               history hash chains and file SHA-256s\n";
}

}  // namespace ucf::host
