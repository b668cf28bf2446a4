#pragma once

#include <cstdint>

#include <Poco/Net/HTTPServerRequest.h>

namespace ucf::host {

/// Most bytes of an unread request body the front reads away to keep a connection alive.
inline constexpr std::int64_t kMaxDrainBytes = 64 * 1024;

/// Reads away what is left of `request`'s body, so that it is never parsed as the next request
/// of the connection (HTTP desync, docs/PRODUCT.md §7.1), whatever the handler read (`alreadyRead` bytes).
/// False when more than kMaxDrainBytes are left (decided from Content-Length without reading
/// when declared) or the client fails to send them: the caller must then close the connection.
/// A request without Content-Length or chunked encoding has no body.
bool drainBody(Poco::Net::HTTPServerRequest& request, std::int64_t alreadyRead);

}  // namespace ucf::host
