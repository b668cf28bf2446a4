#include "dbkit/postgresql_uri.hpp"

#include <stdexcept>
#include <utility>
#include <vector>

#include <Poco/Exception.h>
#include <Poco/URI.h>

namespace ucf::dbkit {
namespace {

std::string percentDecoded(const std::string& text) {
  std::string out;
  Poco::URI::decode(text, out);
  return out;
}

}  // namespace

std::string postgresqlConnectionString(const std::string& uri) {
  Poco::URI parsed;
  try {
    parsed = Poco::URI(uri);
  } catch (const Poco::Exception& e) {
    throw std::invalid_argument("malformed PostgreSQL URI: " + e.displayText());
  }
  if (parsed.getScheme() != "postgresql" && parsed.getScheme() != "postgres") {
    throw std::invalid_argument("a PostgreSQL URI starts with postgresql://");
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  if (!parsed.getHost().empty()) pairs.emplace_back("host", parsed.getHost());
  if (parsed.getPort() != 0) pairs.emplace_back("port", std::to_string(parsed.getPort()));
  std::string userInfo = parsed.getUserInfo();
  if (!userInfo.empty()) {
    std::size_t colon = userInfo.find(':');
    pairs.emplace_back("user", percentDecoded(userInfo.substr(0, colon)));
    if (colon != std::string::npos) pairs.emplace_back("password", percentDecoded(userInfo.substr(colon + 1)));
  }
  std::string path = parsed.getPath();
  if (path.size() > 1) pairs.emplace_back("dbname", path.substr(1));
  for (const auto& [k, v] : parsed.getQueryParameters()) pairs.emplace_back(k, v);
  std::string out;
  for (const auto& [k, v] : pairs) {
    // POCO splits the string at spaces and takes each `key=value` as it is: no quoting possible.
    if (v.find_first_of(" '\\") != std::string::npos || k.find_first_of(" =") != std::string::npos) {
      throw std::invalid_argument("PostgreSQL URI parameter " + k + " holds a space or quote, which POCO cannot pass");
    }
    if (!out.empty()) out += ' ';
    out.append(k).append("=").append(v);
  }
  return out;
}

}  // namespace ucf::dbkit
