// Crash consistency: start the real host, drive concurrent saves, uploads, submits and decisions
// recording every acknowledged one, kill -9 the host at a random moment, restart it, and check
// that the databases are intact and every acknowledged write is there in its acknowledged state,
// with history chained and attachments whole (SHA-256). Usage:
//   crash_check <mock-host binary> <iterations> [seed]
// Exit status 0 when nothing was lost. Prints one line per iteration and a summary.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/json/serialize.hpp>

#include "adapters/crypto/sha256.hpp"
#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/domain/file_samples.hpp"

using namespace ucf::test;
namespace bj = boost::json;

namespace {

constexpr int kWorkers = 4;

// Filings whose re-review approval was acknowledged: they must read APPROVED forever after.
std::mutex approvedMutex;
std::vector<long long> approvedIds;

struct Host {
  pid_t pid = -1;
  std::uint16_t port = 0;
};

Host startHost(const std::string& binary, const std::filesystem::path& dataDir) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    int err = open((dataDir / "host.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(err, 2);
    close(out[0]);
    execl(binary.c_str(), binary.c_str(), "--dev", "--port", "0", "--data-dir", dataDir.c_str(), nullptr);
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1) {
    if (c == '\n') {
      if (line.rfind("listening on http://127.0.0.1:", 0) == 0) break;
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  close(out[0]);
  auto colon = line.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("the host did not start; see host.log");
  return {pid, static_cast<std::uint16_t>(std::stoi(line.substr(colon + 1)))};
}

void killHost(Host& h) {
  kill(h.pid, SIGKILL);
  int status = 0;
  waitpid(h.pid, &status, 0);
}

std::string path(long long id, const std::string& rest = "") {
  return std::string(kApi) + "/filings/" + std::to_string(id) + rest;
}

// What a worker knows was acknowledged (and what was in flight when the host died).
struct Ledger {
  long long filingId = 0;
  std::int64_t version = 0;     // last acknowledged version
  std::string value;            // legalRepresentative at that version
  std::string inFlightValue;    // a write sent but not answered
  std::string sealSha;          // license_copy SHA-256 acknowledged
  std::string inFlightSha;
  bool submitted = false;       // a submit was acknowledged
  bool approvedFirst = false;   // a first-review approval was acknowledged
};

std::string uscc(int worker) {
  // 17 characters, then the check character (GB 32100-2015).
  static const std::string kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int kWeights[] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  std::string base = "9135010000000" + std::to_string(1000 + worker);
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += static_cast<int>(kAlphabet.find(base[i])) * kWeights[i];
  int check = (31 - sum % 31) % 31;
  return base + kAlphabet[check];
}

// Sessions made once: they live in the host's database and survive its restarts.
struct Sessions {
  std::vector<HttpClient> enterprises;
  std::vector<HttpClient> reviewers;
  std::vector<HttpClient> recheckers;
  std::optional<HttpClient> supervisor;
};

std::atomic<int> acknowledgedWrites{0};

void drive(std::uint16_t port, int worker, Ledger& ledger, std::atomic<bool>& stop, std::atomic<int>& ready,
           Sessions& sessions, std::mt19937 rng) {
  try {
    HttpClient ent = sessions.enterprises[static_cast<std::size_t>(worker)];
    HttpClient reviewer = sessions.reviewers[static_cast<std::size_t>(worker)];
    HttpClient rechecker = sessions.recheckers[static_cast<std::size_t>(worker)];
    for (HttpClient* c : {&ent, &reviewer, &rechecker}) c->setPort(port);
    ++ready;
    if (ledger.filingId == 0) {
      auto created = ent.postJson(std::string(kApi) + "/filings?mode=save", validForm());
      if (created.status != 201) return;
      ledger.filingId = created.json().at("id").as_int64();
      ledger.version = 1;
      ledger.value = "李四";
    }
    for (int n = 0; !stop; ++n) {
      if (ledger.submitted) {
        // Decide it: first review, then re-review; an approved filing is done and a new one starts.
        HttpClient& officer = ledger.approvedFirst ? rechecker : reviewer;
        auto d = officer.postJson(std::string(kApi) + "/review/filings/" + std::to_string(ledger.filingId) + "/decision",
                                  bj::object{{"decision", "approve"}},
                                  {{"If-Match", "\"" + std::to_string(ledger.version) + "\""}});
        if (d.status != 200) continue;
        ++acknowledgedWrites;
        if (ledger.approvedFirst) {
          std::lock_guard lock(approvedMutex);
          approvedIds.push_back(ledger.filingId);
          ledger = Ledger{};
          return;
        }
        ledger.approvedFirst = true;
        ledger.version = d.json().at("version").as_int64();
        continue;
      }
      if (n % 3 == 2) {
        std::string png = makePng(2, 2, std::string(rng() % 20000, static_cast<char>('a' + rng() % 26)));
        ledger.inFlightSha = ucf::adapters::sha256Hex(png);
        auto r = upload(ent, ledger.filingId, "license_copy", "copy.png", png);
        if (r.status != 201) continue;
        ++acknowledgedWrites;
        ledger.sealSha = ledger.inFlightSha;
        ledger.version = std::stoll(r.header("etag").substr(1));
      } else if (n == 20) {
        uploadAllMaterials(ent, ledger.filingId);
        auto detail = ent.get(path(ledger.filingId));
        ledger.version = detail.json().at("version").as_int64();
        ledger.sealSha = std::string(detail.json().at("attachments").at(1).at("sha256").as_string());
        auto s = ent.post(path(ledger.filingId, "/submit"), "", {{"If-Match", etag(detail)}});
        if (s.status == 200) {
          ++acknowledgedWrites;
          ledger.submitted = true;
          ledger.version = s.json().at("version").as_int64();
        }
      } else {
        ledger.inFlightValue = "代表" + std::to_string(n);
        auto r = ent.put(path(ledger.filingId, "?mode=save"),
                         bj::serialize(bj::object{{"legalRepresentative", ledger.inFlightValue}}),
                         {{"If-Match", "\"" + std::to_string(ledger.version) + "\""}});
        if (r.status != 200) continue;
        ++acknowledgedWrites;
        ledger.value = ledger.inFlightValue;
        ledger.version = r.json().at("version").as_int64();
      }
    }
  } catch (const std::exception& e) {
    // The host died under us: what was acknowledged is in the ledger.
    if (std::getenv("CRASH_DEBUG")) std::cerr << "worker " << worker << ": " << e.what() << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: crash_check <mock-host> <iterations> [seed]\n";
    return 2;
  }
  const std::string binary = argv[1];
  const int iterations = std::stoi(argv[2]);
  std::mt19937 rng(argc > 3 ? static_cast<unsigned>(std::stoul(argv[3])) : std::random_device{}());
  Poco::Data::SQLite::Connector::registerConnector();
  TempDir dir;

  // Accounts and sessions once: they live in the host's database across restarts.
  Sessions sessions;
  {
    Host h = startHost(binary, dir.path());
    for (int w = 0; w < kWorkers; ++w) {
      sessions.enterprises.push_back(enterpriseSession(h.port, "crash-ent-" + std::to_string(w), uscc(w)));
    }
    sessions.reviewers.push_back(authoritySession(h.port, "crash-rev", {"reviewer"}, "350000"));
    sessions.recheckers.push_back(authoritySession(h.port, "crash-rec", {"rechecker"}, "350000"));
    for (int w = 1; w < kWorkers; ++w) {
      sessions.reviewers.push_back(loginSession(h.port, "crash-rev"));
      sessions.recheckers.push_back(loginSession(h.port, "crash-rec"));
    }
    sessions.supervisor = authoritySession(h.port, "crash-sup", {"supervisor"}, "");
    kill(h.pid, SIGTERM);
    waitpid(h.pid, nullptr, 0);
  }

  int lost = 0, acknowledged = 0;
  std::vector<Ledger> ledgers;
  for (int i = 0; i < iterations; ++i) {
    if (ledgers.empty()) ledgers.assign(kWorkers, Ledger{});
    Host h = startHost(binary, dir.path());
    std::atomic<bool> stop{false};
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < kWorkers; ++w) {
      threads.emplace_back(drive, h.port, w, std::ref(ledgers[static_cast<std::size_t>(w)]), std::ref(stop),
                           std::ref(ready), std::ref(sessions), std::mt19937(rng()));
    }
    for (int waited = 0; ready < kWorkers && waited < 600; ++waited) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 1500));
    killHost(h);
    stop = true;
    for (auto& t : threads) t.join();

    // Restart and check.
    Host again = startHost(binary, dir.path());
    int lostNow = 0;
    {
      Poco::Data::Session db("SQLite", (dir.path() / "used-car-filing.sqlite").string());
      std::string integrity;
      db << "PRAGMA integrity_check", Poco::Data::Keywords::into(integrity), Poco::Data::Keywords::now;
      if (integrity != "ok") {
        std::cout << "iteration " << i << ": integrity_check says " << integrity << "\n";
        ++lostNow;
      }
    }
    HttpClient supervisor = *sessions.supervisor;
    supervisor.setPort(again.port);
    for (int w = 0; w < kWorkers; ++w) {
      const Ledger& l = ledgers[static_cast<std::size_t>(w)];
      if (l.filingId == 0) continue;
      ++acknowledged;
      auto detail = supervisor.get(std::string(kApi) + "/review/filings/" + std::to_string(l.filingId));
      HttpClient ent = sessions.enterprises[static_cast<std::size_t>(w)];
      ent.setPort(again.port);
      if (detail.status == 404) detail = ent.get(path(l.filingId));  // never submitted: only its owner sees it
      if (detail.status != 200) {
        std::cout << "iteration " << i << ": filing " << l.filingId << " unreadable (" << detail.status << ")\n";
        ++lostNow;
        continue;
      }
      auto body = detail.json();
      std::int64_t version = body.at("version").as_int64();
      std::string value(body.at("legalRepresentative").as_string());
      bool ok = version >= l.version;
      if (version == l.version) ok = ok && value == l.value;
      if (version > l.version) ok = ok && (value == l.value || value == l.inFlightValue);
      std::string status(body.at("status").as_string());
      if (l.submitted) ok = ok && (status == "PENDING_REVIEW" || status == "APPROVED");
      if (l.approvedFirst) ok = ok && (body.at("reviewStage") == "RECHECK" || status == "APPROVED");
      // Attachments: each stored file whole, its bytes matching its recorded SHA-256.
      for (const auto& a : body.at("attachments").as_array()) {
        std::string slot(a.at("slot").as_string());
        auto file = ent.get(path(l.filingId, "/attachments/" + slot));
        if (file.status != 200 || ucf::adapters::sha256Hex(file.body) != a.at("sha256").as_string()) ok = false;
        if (slot == "license_copy" && !l.sealSha.empty()) {
          std::string sha(a.at("sha256").as_string());
          if (version == l.version && sha != l.sealSha) ok = false;
          if (sha != l.sealSha && sha != l.inFlightSha) ok = false;
        }
      }
      // History: chained, one event per acknowledged version at least.
      auto verifyChain = supervisor.get(std::string(kApi) + "/review/filings/" + std::to_string(l.filingId) +
                                        "/history/verify");
      if (verifyChain.status == 200 && verifyChain.json().at("ok") != true) ok = false;
      auto history = ent.get(path(l.filingId, "/history"));
      if (history.status != 200 ||
          static_cast<std::int64_t>(history.json().at("events").as_array().size()) < version) {
        ok = false;
      }
      if (!ok) {
        std::cout << "iteration " << i << ": filing " << l.filingId << " acknowledged v" << l.version << " \""
                  << l.value << "\" but reads v" << version << " \"" << value << "\" " << status << "\n";
        ++lostNow;
      }
      // Continue from what the database holds.
      Ledger& next = ledgers[static_cast<std::size_t>(w)];
      next.version = version;
      next.value = value;
      next.inFlightValue.clear();
      for (const auto& a : body.at("attachments").as_array()) {
        if (a.at("slot") == "license_copy") next.sealSha = std::string(a.at("sha256").as_string());
      }
      next.submitted = status == "PENDING_REVIEW";
      next.approvedFirst = body.at("reviewStage") == "RECHECK";
      if (status == "APPROVED") next = Ledger{};  // its re-review landed just before the kill
    }
    {
      std::lock_guard lock(approvedMutex);
      for (long long id : approvedIds) {
        ++acknowledged;
        auto d = supervisor.get(std::string(kApi) + "/review/filings/" + std::to_string(id));
        if (d.status != 200 || d.json().at("status") != "APPROVED") {
          std::cout << "iteration " << i << ": approved filing " << id << " reads " << d.body << "\n";
          ++lostNow;
        }
      }
    }
    lost += lostNow;
    std::cout << "iteration " << i + 1 << "/" << iterations << ": " << (lostNow == 0 ? "ok" : "LOST WRITES") << "\n";
    kill(again.pid, SIGKILL);
    waitpid(again.pid, nullptr, 0);
  }
  std::cout << "crash_check: " << iterations << " iterations, " << acknowledgedWrites << " acknowledged writes, "
            << acknowledged << " filing checks, " << lost << " lost writes\n";
  return lost == 0 ? 0 : 1;
}
