// HTTPS (docs/PRODUCT.md §7.1): with --tls-cert and --tls-key the host serves TLS through POCO NetSSL, and
// the session cookie is Secure and named with the __Host- prefix. The server certificate is made
// with the real openssl command; the client trusts exactly that certificate.
#include <catch2/catch.hpp>

#include <sstream>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <boost/json.hpp>

#include "tests/host/test_pki.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_host.hpp"

using namespace ucf::test;

namespace {

struct Answer {
  int status = 0;
  std::string setCookie;
  std::string body;
};

/// One HTTPS request from a client that trusts only `caFile`.
Answer https(std::uint16_t port, const std::string& caFile, const std::string& method, const std::string& path,
             const std::string& body = "", const std::string& cookie = "") {
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", caFile,
                                                           Poco::Net::Context::VERIFY_STRICT, 9, false);
  Poco::Net::HTTPSClientSession session("127.0.0.1", port, context);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!cookie.empty()) request.set("Cookie", cookie);
  if (method == "POST") {
    request.setContentType("application/json");
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Answer answer;
  answer.status = static_cast<int>(response.getStatus());
  answer.setCookie = response.get("Set-Cookie", "");
  Poco::StreamCopier::copyToString(in, answer.body);
  return answer;
}

}  // namespace

TEST_CASE("with --tls-cert and --tls-key the host serves HTTPS and a Secure __Host- session cookie") {
  TempDir work;
  runIn(work.path(),
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout server.key -out server.pem -days 2 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1");
  const std::string cert = (work.path() / "server.pem").string();
  TestHost::Options options;
  options.tune = [&](ucf::host::HostOptions& o) {
    o.tlsCertFile = cert;
    o.tlsKeyFile = (work.path() / "server.key").string();
  };
  TestHost host(options);
  CHECK(host.host().baseUrl() == "https://127.0.0.1:" + std::to_string(host.port()));

  CHECK(https(host.port(), cert, "GET", "/healthz").status == 200);
  auto captcha = boost::json::parse(https(host.port(), cert, "GET", "/api/auth/captcha").body).as_object();
  // An authority account (dev endpoint) logs in over HTTPS.
  REQUIRE(https(host.port(), cert, "POST", "/api/dev/authority-accounts",
                R"({"account":"mofcom","password":"abc12345","roles":["supervisor"]})")
              .status == 201);
  auto login = https(host.port(), cert, "POST", "/api/auth/login",
                     boost::json::serialize(boost::json::object{{"account", "mofcom"},
                                                                {"password", "abc12345"},
                                                                {"captchaId", captcha.at("captchaId")},
                                                                {"captcha", captcha.at("answer")}}));
  REQUIRE(login.status == 200);
  CHECK(login.setCookie.rfind("__Host-ucf_session=", 0) == 0);
  CHECK(login.setCookie.find("; Secure") != std::string::npos);
  CHECK(login.setCookie.find("Path=/") != std::string::npos);
  CHECK(login.setCookie.find("HttpOnly") != std::string::npos);
  std::string id = login.setCookie.substr(0, login.setCookie.find(';'));

  CHECK(https(host.port(), cert, "GET", "/api/session", "", id).status == 200);
  // The plain name is not the session cookie over HTTPS.
  CHECK(https(host.port(), cert, "GET", "/api/session", "", "ucf_session=" + id.substr(id.find('=') + 1)).status ==
        401);
}

TEST_CASE("TLS: a certificate flag without its key flag is refused") {
  char arg0[] = "mock-host", flag[] = "--tls-cert", file[] = "x.pem";
  char* argv[] = {arg0, flag, file};
  CHECK_THROWS_AS(ucf::host::parseHostOptions(3, argv), std::invalid_argument);
}
