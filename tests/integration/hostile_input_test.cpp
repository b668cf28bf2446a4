// Bad input and hostile clients (issue 7): each gets a clear answer while normal traffic keeps
// being served.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include "tests/support/filing_fixtures.hpp"
#include "tests/support/sessions.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;

namespace {

// Sends raw bytes and returns the status line (or "" when the server closed without answering).
std::string rawRequest(std::uint16_t port, const std::string& bytes) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
  char buffer[512];
  int n = 0;
  try {
    n = socket.receiveBytes(buffer, sizeof buffer);
  } catch (const Poco::Exception&) {
    return "";
  }
  std::string answer(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  return answer.substr(0, answer.find("\r\n"));
}

}  // namespace

TEST_CASE("slow clients holding connections do not starve normal ones", "[concurrency]") {
  TestHost host;
  // Eight clients that open a connection and send half a request line, then nothing.
  std::vector<std::unique_ptr<Poco::Net::StreamSocket>> slow;
  for (int i = 0; i < 8; ++i) {
    slow.push_back(std::make_unique<Poco::Net::StreamSocket>(Poco::Net::SocketAddress("127.0.0.1", host.port())));
    std::string partial = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    slow.back()->sendBytes(partial.data(), static_cast<int>(partial.size()));
  }
  HttpClient normal(host.port());
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) REQUIRE(normal.get("/healthz").status == 200);
  auto took = std::chrono::steady_clock::now() - started;
  // Not a timing test: the bound only tells "served at once" from "waited for a slow client's timeout".
  CHECK(took < std::chrono::seconds(10));
}

TEST_CASE("too many headers, a very long URI and broken request lines are refused") {
  TestHost host;
  std::string manyHeaders = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 150; ++i) manyHeaders += "X-H" + std::to_string(i) + ": v\r\n";
  manyHeaders += "\r\n";
  std::string status = rawRequest(host.port(), manyHeaders);
  CHECK((status.empty() || status.find(" 400") != std::string::npos));

  std::string longUri = "GET /" + std::string(70'000, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  status = rawRequest(host.port(), longUri);
  CHECK((status.empty() || status.find(" 400") != std::string::npos || status.find(" 414") != std::string::npos));

  status = rawRequest(host.port(), "NONSENSE\r\n\r\n");
  CHECK((status.empty() || status.find(" 400") != std::string::npos));

  // The host still serves normal traffic afterwards.
  HttpClient normal(host.port());
  CHECK(normal.get("/healthz").status == 200);
}

TEST_CASE("malformed multipart bodies and hostile file names are answered clearly") {
  TestHost host;
  auto ent = enterpriseSession(host.port(), "hostile-ent", "91350100M000100Y43");
  auto created = ent.postJson(std::string(kApi) + "/filings?mode=draft", boost::json::object{});
  REQUIRE(created.status == 201);
  const std::string path = std::string(kApi) + "/filings/" + std::to_string(created.json().at("id").as_int64()) +
                           "/attachments/license_original";

  // Not multipart at all, a multipart without a boundary, a truncated body, a part without `file`.
  CHECK(ent.put(path, "raw bytes", {}, "application/octet-stream").status == 415);
  CHECK(ent.put(path, "x", {}, "multipart/form-data").status == 415);
  // A body cut before its closing boundary: POCO ends the part at the end of input, so it is
  // judged by its bytes (415 here) — never stored.
  auto cut = ent.put(path, "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc", {},
                     "multipart/form-data; boundary=b");
  CHECK((cut.status == 400 || cut.status == 415));
  auto noFile = ent.put(path, "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nabc\r\n--b--\r\n", {},
                        "multipart/form-data; boundary=b");
  CHECK(noFile.status == 422);

  // A path-traversal name is stored as its last component only, never used as a path.
  std::string contentType;
  std::string png = "\x89PNG";  // not a real PNG: refused by content, whatever the name says
  auto body = multipartBody("../../../../etc/passwd.png", png, contentType);
  CHECK(ent.put(path, body, {}, contentType).status == 415);

  auto detail = ent.get(std::string(kApi) + "/filings/" + std::to_string(created.json().at("id").as_int64()));
  CHECK(detail.json().at("attachments").as_array().empty());
  CHECK(detail.header("etag") == "\"1\"");  // nothing stored, nothing changed
}
