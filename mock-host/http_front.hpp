#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "mock-host/route_table.hpp"
#include "mock-host/session_resolver.hpp"
#include "ucf/sdk/logger.hpp"

namespace ucf::host {

/// Counts requests inside handlers so that shutdown can wait for them before unloading plugins.
class InFlightGate {
 public:
  /// False once closed: the request must be refused.
  bool enter();
  void leave();
  /// Refuses new entries and waits until every entered request left.
  void closeAndDrain();

 private:
  std::mutex mutex_;
  std::condition_variable drained_;
  int active_ = 0;
  bool closed_ = false;
};

/// What the HTTP front needs from the host, all owned by the host and outliving the server.
struct HttpFrontDeps {
  RouteTable& routes;
  SessionResolver& sessions;
  sdk::Logger& logger;
  InFlightGate& gate;
  std::int64_t maxBodyBytes;
  const char* sessionCookie;  ///< The session cookie's name (sessionCookieName).
};

/// The POCO handler factory: every request goes through one dispatcher that splits the path,
/// matches a route, resolves the principal, checks the session and CSRF token, caps the body,
/// calls the handler and writes its response.
class HttpFront final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HttpFront(HttpFrontDeps deps) : deps_(deps) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

 private:
  HttpFrontDeps deps_;
};

}  // namespace ucf::host
