// PostgreSQL restarted under load, and a host started before its PostgreSQL (docs/PRODUCT.md §8).
// tests/scripts/faults.sh runs these with a server of their own.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/faults/fault_server.hpp"
#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf;
using namespace ucf::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

struct Outcome {
  Clock::time_point start;
  int status = 0;
  std::string retryAfter;
  std::string contentType;
  std::string what;
};

}  // namespace

TEST_CASE(
    "Faults: PostgreSQL restarted under load fails only requests in flight (503 + Retry-After, never 500); "
    "service resumes within 2 s",
    "[concurrency]") {
  const FaultServer server = FaultServer::fromEnvironment();
  TestHost::Options options;
  options.db = server.uri;
  TestHost host(options);
  HttpClient ent = enterpriseSession(host.port(), "restart-exporter", "91350100M000100Y43");
  const std::string filings = std::string(kApi) + "/filings";
  auto draft = ent.postJson(filings + "?mode=draft", boost::json::object{});
  REQUIRE(draft.status == 201);
  const std::string path = filings + "/" + std::to_string(draft.json().at("id").as_int64());

  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<Outcome> outcomes;
  auto record = [&](Clock::time_point start, const HttpResult& r, const std::string& what) {
    std::lock_guard lock(mutex);
    outcomes.push_back({start, r.status, r.header("retry-after"), r.header("content-type"), what});
  };
  auto reader = [&](HttpClient client) {
    while (!stop) {
      auto start = Clock::now();
      record(start, client.get(path), "GET detail");
      start = Clock::now();
      record(start, client.get(filings), "GET list");
    }
  };
  auto writer = [&](HttpClient client) {
    int n = 0;
    while (!stop) {
      auto start = Clock::now();
      auto detail = client.get(path);
      record(start, detail, "GET detail");
      if (detail.status != 200) continue;
      start = Clock::now();
      const std::string body =
          R"({"contact":{"name":"王五","mobile":"1391234)" + std::to_string(1000 + n++ % 9000) + "\"}}";
      record(start, client.put(path + "?mode=draft", body, {{"If-Match", etag(detail)}}), "PUT draft");
    }
  };
  std::vector<std::thread> load;
  load.emplace_back(reader, ent);
  load.emplace_back(reader, ent);
  load.emplace_back(writer, ent);

  std::this_thread::sleep_for(500ms);  // load before the restart (not a pass/fail decision)
  const auto restartBegan = Clock::now();
  server.control("restart");  // -m fast: every connection is terminated; -w: returns once it accepts
  const auto serverBack = Clock::now();
  std::this_thread::sleep_for(3s);
  stop = true;
  for (auto& t : load) t.join();

  int before = 0, failed = 0, afterRecovery = 0;
  Clock::time_point lastFailure = restartBegan;
  for (const auto& o : outcomes) {
    INFO(o.what << " → " << o.status);
    CHECK((o.status == 200 || o.status == 503));  // never 500, never a lost session (401)
    if (o.status == 503) {
      ++failed;
      CHECK(o.retryAfter == "1");
      CHECK(o.contentType.find("application/problem+json") == 0);
      lastFailure = std::max(lastFailure, o.start);
    }
    if (o.start < restartBegan && o.status == 200) ++before;
    if (o.start > serverBack + 2s && o.status == 200) ++afterRecovery;
  }
  CHECK(before > 0);
  CHECK(afterRecovery > 0);
  // Service resumed by itself within 2 s of the server's return: nothing started later failed.
  CHECK(lastFailure <= serverBack + 2s);
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  WARN("restart took " << duration_cast<milliseconds>(serverBack - restartBegan).count() << " ms; " << failed << " of "
                       << outcomes.size() << " requests got 503; the last failed one started "
                       << duration_cast<milliseconds>(lastFailure - serverBack).count()
                       << " ms after the server was back");
  // And the data is what the last acknowledged save left.
  CHECK(ent.get(path).status == 200);
}

TEST_CASE("Faults: a host started while PostgreSQL is down waits, says so, and is ready once it answers") {
  const FaultServer server = FaultServer::fromEnvironment();
  server.control("stop");
  struct Restart {
    const FaultServer& server;
    bool started = false;
    ~Restart() {
      if (!started) std::system((server.pgCtl + " -w -o '" + server.startArgs + "' start >/dev/null 2>&1").c_str());
    }
  } restart{server};
  TempDir dir;
  const std::string log = (dir.path() / "host.log").string();
  int out[2];
  REQUIRE(pipe(out) == 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    const int err = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(err, 2);
    close(out[0]);
    execl(UCF_MOCK_HOST_BINARY, UCF_MOCK_HOST_BINARY, "--port", "0", "--db", server.uri.c_str(), "--data-dir",
          dir.path().c_str(), "--plugins", UCF_PLUGIN_DIR, nullptr);
    _exit(127);
  }
  close(out[1]);
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  std::string stdoutText;
  auto readStdout = [&](std::chrono::milliseconds wait) {
    pollfd fd{out[0], POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(wait.count())) > 0) {
      char buffer[512];
      const auto n = read(out[0], buffer, sizeof buffer);
      if (n > 0) stdoutText.append(buffer, static_cast<std::size_t>(n));
    }
  };
  auto logText = [&] {
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  // It says it waits (polling the log: the wait is the host's, not a decision of this test).
  const auto deadline = Clock::now() + 20s;
  while (logText().find("waiting for the database") == std::string::npos && Clock::now() < deadline) readStdout(50ms);
  CHECK(logText().find("waiting for the database") != std::string::npos);
  readStdout(300ms);
  CHECK(stdoutText.find("listening on") == std::string::npos);  // no ready line while the database is down

  server.control("start");
  restart.started = true;
  const auto ready = Clock::now() + 30s;
  while (stdoutText.find('\n') == std::string::npos && Clock::now() < ready) readStdout(100ms);
  INFO("host log:\n" << logText());
  REQUIRE(stdoutText.rfind("listening on http://127.0.0.1:", 0) == 0);
  const auto port = static_cast<std::uint16_t>(std::stoi(stdoutText.substr(stdoutText.rfind(':') + 1)));
  HttpClient client(port);
  CHECK(client.get("/healthz").status == 200);
  CHECK(client.get(std::string(kApi) + "/openapi.json").status == 200);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  close(out[0]);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
