#pragma once

#include <optional>

#include <Poco/Net/HTTPServerRequest.h>

#include "ucf/sdk/http_response.hpp"

namespace ucf::host {

/// The checks of docs/PRODUCT.md §7.1 on the routes that need no CSRF token (register, login, e-key
/// challenge and login, the dev endpoints): without a session there is no token to check, so
/// what keeps another site from posting to them is that a browser cannot send a cross-site
/// `application/json` POST without CORS, and that the browser names the site it comes from.
/// For POST and PUT: 403 when `Sec-Fetch-Site` is `cross-site` or `Origin` names another host
/// than `Host` (or is `null`); 415 when the media type is not `application/json` (parameters
/// such as charset allowed). Other methods pass. nullopt when the request may go on.
std::optional<sdk::HttpResponse> guardLoginDoor(const Poco::Net::HTTPServerRequest& request);

}  // namespace ucf::host
