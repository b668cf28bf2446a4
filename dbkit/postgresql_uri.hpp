#pragma once

#include <string>

namespace ucf::dbkit {

/// POCO's PostgreSQL connection string (`host=… port=… dbname=… user=… password=…`, then the
/// URI's query parameters) for a `postgresql://` (or `postgres://`) URI; user and password are
/// percent-decoded. Throws std::invalid_argument when the URI is malformed, is not PostgreSQL's,
/// or holds a value POCO cannot pass (it splits the string at spaces and reads no quotes).
std::string postgresqlConnectionString(const std::string& uri);

}  // namespace ucf::dbkit
