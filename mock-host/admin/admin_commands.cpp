#include "dbkit/postgresql_uri.hpp"
#include "mock-host/admin/admin_commands.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "mock-host/admin/data_verifier.hpp"
#include "mock-host/admin/sha256_stream.hpp"
#include "mock-host/admin/tar_archive.hpp"
#include "mock-host/auth/host_database.hpp"

namespace ucf::host::admin {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFormat = "ucf-backup/1";
constexpr std::string_view kManifest = "MANIFEST.json";
constexpr std::string_view kHostMember = "host.sqlite";
constexpr std::string_view kPluginPrefix = "plugins/";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// `--flag value` pairs; every flag in `required` must be there, and no other.
std::map<std::string, std::string> flagsOf(int argc, char** argv, const std::set<std::string>& required) {
  std::map<std::string, std::string> flags;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (!required.count(flag)) throw UsageError("unknown flag " + flag);
    if (i + 1 >= argc) throw UsageError(flag + " needs a value");
    flags[flag] = argv[++i];
  }
  for (const auto& flag : required) {
    if (!flags.count(flag)) throw UsageError(flag + " is required");
  }
  return flags;
}

bool isPostgres(const std::string& db) { return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0; }

fs::path sqlitePath(const std::string& db) {
  if (db.rfind("sqlite:", 0) != 0 || db.size() == 7)
    throw UsageError("--db must be sqlite:PATH or a postgresql:// URI");
  return fs::path(db.substr(7));
}

/// The plugins' database files of a data folder: every `*.sqlite` but the host's.
std::vector<fs::path> pluginFiles(const fs::path& dataDir, const fs::path& hostFile) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dataDir)) return files;
  const fs::path host = fs::weakly_canonical(hostFile);
  for (const auto& entry : fs::directory_iterator(dataDir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sqlite" &&
        fs::weakly_canonical(entry.path()) != host) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// Copies a live SQLite database with SQLite's online backup API: one step over every page, in
/// one read transaction, so the copy is the database as of one instant, whatever writers do.
void onlineCopy(const fs::path& source, const fs::path& target) {
  sqlite3* from = nullptr;
  sqlite3* to = nullptr;
  auto close = [&] {
    sqlite3_close_v2(from);
    sqlite3_close_v2(to);
  };
  if (sqlite3_open_v2(source.c_str(), &from, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(target.c_str(), &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string why = sqlite3_errmsg(from ? from : to);
    close();
    throw std::runtime_error("cannot open " + source.string() + " for a backup: " + why);
  }
  sqlite3_busy_timeout(from, 10000);
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) {
    const std::string why = sqlite3_errmsg(to);
    close();
    throw std::runtime_error("cannot back up " + source.string() + ": " + why);
  }
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 200; ++attempt) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(50);  // a writer holds a lock for a moment: step again
  }
  sqlite3_backup_finish(backup);
  const int copied = sqlite3_errcode(to);
  close();
  if (rc != SQLITE_DONE || copied != SQLITE_OK) {
    throw std::runtime_error("backup of " + source.string() + " failed: " + sqlite3_errstr(rc));
  }
}

int backup(const std::map<std::string, std::string>& flags, std::ostream& out, std::ostream& err) {
  const std::string& db = flags.at("--db");
  const fs::path to = flags.at("--to");
  if (isPostgres(db)) {
    err << "mock-host backup: with PostgreSQL, the host's and the plugins' data are in that database; back it up\n"
           "with PostgreSQL's own tool, which takes a consistent snapshot while hosts serve:\n"
           "  pg_dump --format=custom --file="
        << to.string() << " '" << db << "'\n"
        << "(restore: pg_restore --dbname='<empty database URI>' " << to.string() << ")\n";
    return 2;
  }
  const fs::path dataDir = flags.at("--data-dir");
  const fs::path hostFile = sqlitePath(db);
  if (!fs::exists(hostFile)) throw std::runtime_error("no host database at " + hostFile.string());
  if (fs::exists(to)) throw std::runtime_error(to.string() + " exists already: not overwritten");

  const fs::path staging = fs::path(to.string() + ".partial.d");
  fs::remove_all(staging);
  fs::create_directories(staging);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } cleanup{staging};

  std::vector<std::pair<std::string, fs::path>> members;  // archive name, staged copy
  onlineCopy(hostFile, staging / kHostMember);
  members.emplace_back(std::string(kHostMember), staging / kHostMember);
  for (const fs::path& plugin : pluginFiles(dataDir, hostFile)) {
    const fs::path copy = staging / plugin.filename();
    onlineCopy(plugin, copy);
    members.emplace_back(std::string(kPluginPrefix) + plugin.filename().string(), copy);
  }
  boost::json::array files;
  for (const auto& [name, path] : members) {
    files.push_back(
        boost::json::object{{"name", name}, {"bytes", fs::file_size(path)}, {"sha256", sha256OfFile(path.string())}});
  }
  const boost::json::object manifest{{"format", kFormat}, {"files", files}};

  const fs::path partial = to.string() + ".partial";
  fs::remove(partial);
  TarWriter tar(partial.string());
  tar.addText(std::string(kManifest), boost::json::serialize(manifest) + "\n");
  for (const auto& [name, path] : members) tar.addFile(name, path.string());
  tar.finish();
  fs::rename(partial, to);
  for (const auto& [name, path] : members) out << "backed up " << name << " (" << fs::file_size(path) << " bytes)\n";
  out << "backup written to " << to.string() << "\n";
  return 0;
}

int restore(const std::map<std::string, std::string>& flags, std::ostream& out, std::ostream& err) {
  const std::string& db = flags.at("--db");
  const fs::path from = flags.at("--from");
  if (isPostgres(db)) {
    err << "mock-host restore: with PostgreSQL, restore the pg_dump file into an empty database:\n"
           "  pg_restore --dbname='"
        << db << "' " << from.string() << "\n";
    return 2;
  }
  const fs::path dataDir = flags.at("--data-dir");
  const fs::path hostFile = sqlitePath(db);
  if (fs::exists(dataDir) && !fs::is_empty(dataDir)) {
    throw std::runtime_error(dataDir.string() + " is not empty: a restore goes into an empty place only");
  }
  if (fs::exists(hostFile)) throw std::runtime_error(hostFile.string() + " exists: a restore overwrites nothing");
  fs::create_directories(dataDir);
  if (hostFile.has_parent_path()) fs::create_directories(hostFile.parent_path());

  std::map<std::string, std::pair<std::uint64_t, std::string>> expected;  // name → bytes, sha256
  std::vector<fs::path> written;
  try {
    bool sawManifest = false;
    readTar(from.string(), [&](const std::string& name, std::uint64_t size, std::istream& in) {
      if (!sawManifest) {
        if (name != kManifest) throw std::runtime_error("the backup does not start with " + std::string(kManifest));
        std::string text(size, '\0');
        in.read(text.data(), static_cast<std::streamsize>(size));
        const boost::json::object manifest = boost::json::parse(text).as_object();
        if (!manifest.at("format").is_string() || manifest.at("format").as_string() != kFormat)
          throw std::runtime_error("not a backup of this format");
        for (const auto& file : manifest.at("files").as_array()) {
          expected[std::string(file.at("name").as_string())] = {file.at("bytes").to_number<std::uint64_t>(),
                                                                std::string(file.at("sha256").as_string())};
        }
        sawManifest = true;
        return;
      }
      auto it = expected.find(name);
      if (it == expected.end())
        throw std::runtime_error("the backup holds " + name + ", which its manifest does not name");
      fs::path target;
      if (name == kHostMember) {
        target = hostFile;
      } else {
        const std::string file = name.substr(kPluginPrefix.size());
        if (name.rfind(kPluginPrefix, 0) != 0 || file.empty() || file.find('/') != std::string::npos ||
            file[0] == '.') {
          throw std::runtime_error("the backup holds a member with an unexpected name: " + name);
        }
        target = dataDir / file;
      }
      std::ofstream copy(target, std::ios::binary);
      written.push_back(target);
      Sha256Stream hash;
      char buffer[65536];
      std::uint64_t left = size;
      while (left > 0) {
        const auto n = static_cast<std::streamsize>(std::min<std::uint64_t>(left, sizeof buffer));
        if (!in.read(buffer, n)) throw std::runtime_error("the backup is truncated in " + name);
        hash.update(buffer, static_cast<std::size_t>(n));
        copy.write(buffer, n);
        left -= static_cast<std::uint64_t>(n);
      }
      copy.close();
      if (!copy) throw std::runtime_error("cannot write " + target.string());
      if (size != it->second.first || hash.hex() != it->second.second) {
        throw std::runtime_error(name + " in the backup does not match its SHA-256 in the manifest");
      }
      expected.erase(it);
      out << "restored " << name << " to " << target.string() << "\n";
    });
    if (!sawManifest) throw std::runtime_error("the backup is empty");
    if (!expected.empty()) throw std::runtime_error("the backup lacks " + expected.begin()->first);
  } catch (...) {
    for (const auto& path : written) {
      std::error_code ignored;
      fs::remove(path, ignored);
    }
    throw;
  }
  return 0;
}

int verify(const std::map<std::string, std::string>& flags, std::ostream& out, std::ostream& err) {
  const std::string& db = flags.at("--db");
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::PostgreSQL::Connector::registerConnector();
  VerifyReport report;
  if (isPostgres(db)) {
    Poco::Data::Session session("PostgreSQL", dbkit::postgresqlConnectionString(db));
    verifyPluginData(session, "PostgreSQL", report);
  } else {
    const fs::path hostFile = sqlitePath(db);
    if (!fs::exists(hostFile)) throw std::runtime_error("no host database at " + hostFile.string());
    {
      Poco::Data::Session host("SQLite", hostFile.string());
      verifySqliteFile(host, hostFile.filename().string(), report);
    }
    for (const fs::path& plugin : pluginFiles(flags.at("--data-dir"), hostFile)) {
      Poco::Data::Session session("SQLite", plugin.string());
      verifySqliteFile(session, plugin.filename().string(), report);
      verifyPluginData(session, plugin.filename().string(), report);
    }
  }
  for (const auto& problem : report.problems) err << "broken: " << problem << "\n";
  out << "verified " << report.filings << " filings (" << report.events << " history events) and " << report.files
      << " stored files: "
      << (report.problems.empty() ? "nothing broken" : std::to_string(report.problems.size()) + " problems") << "\n";
  return report.problems.empty() ? 0 : 1;
}

}  // namespace

bool isAdminCommand(const char* name) {
  const std::string_view n(name);
  return n == "backup" || n == "restore" || n == "verify";
}

int runAdminCommand(int argc, char** argv, std::ostream& out, std::ostream& err) {
  const std::string command = argv[0];
  try {
    if (command == "backup") return backup(flagsOf(argc, argv, {"--data-dir", "--db", "--to"}), out, err);
    if (command == "restore") return restore(flagsOf(argc, argv, {"--from", "--data-dir", "--db"}), out, err);
    if (command == "verify") return verify(flagsOf(argc, argv, {"--data-dir", "--db"}), out, err);
    throw UsageError("unknown command " + command);
  } catch (const UsageError& e) {
    err << "mock-host " << command << ": " << e.what() << " (see mock-host --help)\n";
    return 2;
  } catch (const Poco::Exception& e) {
    err << "mock-host " << command << ": " << e.displayText() << "\n";
    return 1;
  } catch (const std::exception& e) {
    err << "mock-host " << command << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace ucf::host::admin
