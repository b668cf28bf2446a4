#include "mock-host/http_front.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <sstream>

#include <openssl/crypto.h>

#include "mock-host/auth/database_failure.hpp"
#include "mock-host/body_drain.hpp"
#include "mock-host/bounded_istream.hpp"
#include "mock-host/client_address.hpp"
#include "mock-host/json_response.hpp"
#include "mock-host/login_door_guard.hpp"

namespace ucf::host {
namespace {

bool isStateChanging(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool sameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

sdk::HttpResponse hostProblem(int status, const char* title, const std::string& detail) {
  return problem(status, title, detail);
}

// After a response stream failed, its headers and part of its body are out: the one honest end is
// to cut the connection, so the client sees a broken response (sdk/http_response.hpp). Without
// this the chunked stream's close would still send the last chunk, and a cut-short body would
// look whole.
void breakConnection(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) {
  out.setKeepAlive(false);
  if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&in)) {
    try {
      impl->socket().shutdown();
    } catch (const Poco::Exception&) {
      // already gone
    }
  }
}

void send(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out, sdk::HttpResponse& response, bool head,
          sdk::Logger& logger) {
  out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
  bool hasCacheControl = false;
  bool hasFrameOptions = false;  // pages shown in the platform frame say SAMEORIGIN
  for (const auto& [name, value] : response.headers) {
    if (Poco::icompare(name, "Content-Type") == 0) {
      out.setContentType(value);
    } else {
      out.add(name, value);
      if (Poco::icompare(name, "Cache-Control") == 0) hasCacheControl = true;
      if (Poco::icompare(name, "X-Frame-Options") == 0) hasFrameOptions = true;
    }
  }
  out.set("X-Content-Type-Options", "nosniff");
  if (!hasFrameOptions) out.set("X-Frame-Options", "DENY");
  out.set("Referrer-Policy", "same-origin");
  if (!hasCacheControl) out.set("Cache-Control", "no-store");
  if (response.streamBody) {
    if (response.streamLength >= 0) {
      out.setContentLength64(response.streamLength);
    } else {
      out.setChunkedTransferEncoding(true);
    }
    std::ostream& stream = out.send();
    if (head) return;
    try {
      response.streamBody(stream);
    } catch (const std::exception& e) {
      logger.log(sdk::LogLevel::kError, std::string("response stream failed: ") + e.what());
      breakConnection(in, out);
    } catch (...) {
      logger.log(sdk::LogLevel::kError, "response stream failed");
      breakConnection(in, out);
    }
    return;
  }
  out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
  if (head) {
    out.send();
  } else {
    out.sendBuffer(response.body.data(), response.body.size());
  }
}

class Dispatcher final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Dispatcher(const HttpFrontDeps& deps) : deps_(deps) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
    sdk::HttpResponse response;
    bool head = in.getMethod() == "HEAD";
    std::int64_t bodyRead = 0;
    // Plugin code runs until the response (which may stream from the plugin) is sent.
    if (!deps_.gate.enter()) {
      response = hostProblem(503, "Service Unavailable", "The host is shutting down.");
      out.setKeepAlive(false);
      send(in, out, response, head, deps_.logger);
      return;
    }
    struct Leave {
      InFlightGate& gate;
      ~Leave() { gate.leave(); }
    } leave{deps_.gate};
    try {
      response = dispatch(in, bodyRead);
    } catch (const auth::DatabaseFailure& e) {
      // The host database (sessions) is away, slow or full: 503/507, never 500 (docs/PRODUCT.md §8).
      deps_.logger.log(sdk::LogLevel::kWarning, std::string("request refused: ") + e.what());
      response = databaseProblem(e.errorClass());
    } catch (const std::exception& e) {
      deps_.logger.log(sdk::LogLevel::kError, std::string("request failed: ") + e.what());
      response = hostProblem(500, "Internal Server Error", "The request could not be completed.");
    } catch (...) {
      deps_.logger.log(sdk::LogLevel::kError, "request failed with an unknown exception");
      response = hostProblem(500, "Internal Server Error", "The request could not be completed.");
    }
    // Whatever the handler left of the body must not be parsed as the next request: read it away,
    // or close the connection when it is too much (an oversized declared body is never read).
    if (response.status == 413 || !drainBody(in, bodyRead)) out.setKeepAlive(false);
    send(in, out, response, head, deps_.logger);
  }

 private:
  // `bodyRead`: how much of the body the handler took, for the drain after it.
  sdk::HttpResponse dispatch(Poco::Net::HTTPServerRequest& in, std::int64_t& bodyRead) {
    // Refuse an oversized declared body before routing or reading anything.
    const std::int64_t contentLength = in.hasContentLength() ? in.getContentLength64() : -1;
    if (contentLength > deps_.maxBodyBytes) {
      return hostProblem(
          413, "Content Too Large",
          "The request body exceeds the host's limit of " + std::to_string(deps_.maxBodyBytes) + " bytes.");
    }
    const std::string& uri = in.getURI();
    std::size_t q = uri.find('?');
    std::string rawPath = uri.substr(0, q);
    auto segments = RouteTable::splitPath(rawPath);
    if (!segments) return hostProblem(400, "Bad Request", "The request path is malformed.");
    std::string method = in.getMethod() == "HEAD" ? "GET" : in.getMethod();
    RouteTable::Match match = deps_.routes.match(method, *segments);
    if (!match.entry) {
      if (match.pathKnown) return hostProblem(405, "Method Not Allowed", method + " is not allowed on this path.");
      return hostProblem(404, "Not Found", "No such resource.");
    }

    const auto& entry = *match.entry;
    if (entry.csrfExempt) {
      if (auto refused = guardLoginDoor(in)) return std::move(*refused);
    }

    sdk::HttpRequest request;
    request.method = method;
    try {
      request.path = Poco::URI(rawPath).getPath();
      if (q != std::string::npos) {
        Poco::URI withQuery("/?" + uri.substr(q + 1));
        for (auto& [k, v] : withQuery.getQueryParameters()) request.query.emplace_back(k, v);
      }
    } catch (const Poco::Exception&) {
      return hostProblem(400, "Bad Request", "The request URI is malformed.");
    }
    request.pathParams = std::move(match.params);
    for (const auto& [name, value] : in) {
      if (Poco::icompare(name, kClientAddressHeader) != 0) request.headers.emplace_back(name, value);
    }
    request.headers.emplace_back(kClientAddressHeader, in.clientAddress().host().toString());

    Poco::Net::NameValueCollection cookies;
    in.getCookies(cookies);
    std::optional<ResolvedSession> session;
    if (cookies.has(deps_.sessionCookie)) session = deps_.sessions.resolve(cookies.get(deps_.sessionCookie));
    if (session) request.principal = session->principal;

    if (entry.spec.access == sdk::RouteAccess::kAuthenticated && !session) {
      return hostProblem(401, "Unauthorized", "Log in first.");
    }
    if (session && isStateChanging(method) && !entry.csrfExempt) {
      std::string token = in.get("X-CSRF-Token", "");
      if (!sameSecret(token, session->csrfToken)) {
        return hostProblem(403, "Forbidden", "The X-CSRF-Token header is missing or does not match the session.");
      }
    }

    // Neither Content-Length nor chunked: no body (RFC 9112 6.3), whatever follows on the
    // connection; POCO would hand out the rest of the connection as the body.
    const bool chunked = in.getChunkedTransferEncoding();
    std::istringstream noBody;
    request.contentLength = contentLength < 0 && !chunked ? 0 : contentLength;
    BoundedStreamBuf bounded(contentLength < 0 && !chunked ? static_cast<std::istream&>(noBody) : in.stream(),
                             contentLength >= 0 ? contentLength : deps_.maxBodyBytes);
    std::istream body(&bounded);
    request.body = &body;

    sdk::HttpResponse response = entry.handler->handle(request);
    bodyRead = bounded.consumed();
    if (bounded.exceeded()) {
      return hostProblem(
          413, "Content Too Large",
          "The request body exceeds the host's limit of " + std::to_string(deps_.maxBodyBytes) + " bytes.");
    }
    return response;
  }

  const HttpFrontDeps& deps_;
};

}  // namespace

bool InFlightGate::enter() {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  ++active_;
  return true;
}

void InFlightGate::leave() {
  std::lock_guard lock(mutex_);
  if (--active_ == 0) drained_.notify_all();
}

void InFlightGate::closeAndDrain() {
  std::unique_lock lock(mutex_);
  closed_ = true;
  drained_.wait(lock, [&] { return active_ == 0; });
}

Poco::Net::HTTPRequestHandler* HttpFront::createRequestHandler(const Poco::Net::HTTPServerRequest& /*request*/) {
  return new Dispatcher(deps_);
}

}  // namespace ucf::host
