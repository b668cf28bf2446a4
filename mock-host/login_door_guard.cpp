#include "mock-host/login_door_guard.hpp"

#include <string>

#include <Poco/String.h>

#include "mock-host/json_response.hpp"

namespace ucf::host {
namespace {

bool isJsonMediaType(const std::string& contentType) {
  return Poco::icompare(Poco::trim(contentType.substr(0, contentType.find(';'))), "application/json") == 0;
}

// Origin is `scheme://host[:port]`; the request's authority is its Host header.
bool originIsForeign(const std::string& origin, const std::string& host) {
  std::size_t scheme = origin.find("://");
  if (scheme == std::string::npos) return true;  // `null` (sandboxed frames, redirects) or garbage
  std::string authority = origin.substr(scheme + 3);
  return host.empty() || Poco::icompare(authority, host) != 0;
}

}  // namespace

std::optional<sdk::HttpResponse> guardLoginDoor(const Poco::Net::HTTPServerRequest& request) {
  const std::string& method = request.getMethod();
  if (method != "POST" && method != "PUT") return std::nullopt;
  if (Poco::icompare(request.get("Sec-Fetch-Site", ""), "cross-site") == 0 ||
      (request.has("Origin") && originIsForeign(request.get("Origin"), request.getHost()))) {
    return problem(403, "Forbidden", "Cross-site requests to this endpoint are refused.");
  }
  if (!isJsonMediaType(request.getContentType())) {
    return problem(415, "Unsupported Media Type", "The body must be sent as application/json.");
  }
  return std::nullopt;
}

}  // namespace ucf::host
