// A response body that fails while it streams (sdk::HttpResponse::streamBody throws, e.g. the CSV
// export's next page): the headers are out, so the host logs it and cuts the connection. The
// client must see a broken response, never a chunked body that ends cleanly and looks whole.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "tests/support/raw_exchange.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf;
using namespace ucf::test;

namespace {

// Streams one line, then fails as a page read after the first would.
class FailingStream final : public sdk::RouteHandler {
 public:
  sdk::HttpResponse handle(sdk::HttpRequest&) noexcept override {
    sdk::HttpResponse r;
    r.with("Content-Type", "text/csv; charset=utf-8");
    r.streamBody = [](std::ostream& out) {
      out << "first page\r\n";
      out.flush();
      throw std::runtime_error("the second page failed");
    };
    return r;
  }
};

}  // namespace

TEST_CASE("a response stream that throws cuts the connection instead of ending the body cleanly") {
  FailingStream failing;  // outlives the host that routes to it
  TestHost host;
  host.host().routes().add({"GET", "/test/failing-stream", sdk::RouteAccess::kPublic}, failing, "test");
  // Keep-alive asked for: only the failure may close the connection (the receive timeout would
  // fail the test otherwise).
  const std::string received = rawExchange(host.port(), "GET /test/failing-stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  INFO(received);
  CHECK(received.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(received.find("Transfer-Encoding: chunked") != std::string::npos);
  CHECK(received.find("first page") != std::string::npos);
  CHECK(received.find("\r\n0\r\n\r\n") == std::string::npos);  // no last chunk: the body is not whole
}
