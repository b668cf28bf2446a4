#include "tests/support/http_client.hpp"

#include <sstream>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace ucf::test {

boost::json::value HttpResult::json() const { return boost::json::parse(body); }

std::string HttpResult::header(const std::string& lowerName) const {
  auto it = headers.find(lowerName);
  return it == headers.end() ? std::string() : it->second;
}

HttpResult HttpClient::get(const std::string& path, const std::vector<std::pair<std::string, std::string>>& headers) {
  return send("GET", path, "", headers, "");
}

HttpResult HttpClient::del(const std::string& path, const std::vector<std::pair<std::string, std::string>>& headers) {
  return send("DELETE", path, "", headers, "");
}

HttpResult HttpClient::post(const std::string& path, const std::string& body,
                            const std::vector<std::pair<std::string, std::string>>& headers,
                            const std::string& contentType) {
  return send("POST", path, body, headers, contentType);
}

HttpResult HttpClient::put(const std::string& path, const std::string& body,
                           const std::vector<std::pair<std::string, std::string>>& headers,
                           const std::string& contentType) {
  return send("PUT", path, body, headers, contentType);
}

HttpResult HttpClient::postJson(const std::string& path, const boost::json::value& body,
                                const std::vector<std::pair<std::string, std::string>>& headers) {
  return send("POST", path, boost::json::serialize(body), headers, "application/json");
}

HttpResult HttpClient::send(const std::string& method, const std::string& path, const std::string& body,
                            const std::vector<std::pair<std::string, std::string>>& headers,
                            const std::string& contentType) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port_);
  session.setTimeout(Poco::Timespan(60, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!cookies_.empty()) {
    Poco::Net::NameValueCollection jar;
    for (const auto& [k, v] : cookies_) jar.add(k, v);
    request.setCookies(jar);
  }
  bool stateChanging = method != "GET" && method != "HEAD";
  if (stateChanging && !csrfToken_.empty()) request.set("X-CSRF-Token", csrfToken_);
  for (const auto& [k, v] : headers) request.set(k, v);
  if (!body.empty() || stateChanging) {
    if (!contentType.empty()) request.setContentType(contentType);
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpResult result;
  result.status = static_cast<int>(response.getStatus());
  for (const auto& [k, v] : response) {
    std::string name = Poco::toLower(k);
    auto& slot = result.headers[name];
    slot = slot.empty() ? v : slot + "\n" + v;
  }
  std::vector<Poco::Net::HTTPCookie> setCookies;
  response.getCookies(setCookies);
  for (const auto& c : setCookies) {
    if (c.getMaxAge() == 0) {
      cookies_.erase(c.getName());
    } else {
      cookies_[c.getName()] = c.getValue();
    }
  }
  std::ostringstream out;
  Poco::StreamCopier::copyStream(in, out);
  result.body = out.str();
  return result;
}

}  // namespace ucf::test
