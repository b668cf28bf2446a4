#pragma once

#include <string>

#include "ucf/sdk/http_request.hpp"

namespace ucf::host {

/// The request header through which the HTTP front tells host handlers the peer's IP address
/// (login throttling per address, docs/PRODUCT.md §7.1). The front removes any header of this name that a
/// client sent before adding its own, so a client cannot choose the address it is counted as.
inline constexpr const char* kClientAddressHeader = "X-Ucf-Client-Address";

/// The peer address the front recorded on `request` ("" when there is none, e.g. in a unit test).
inline std::string clientAddressOf(const sdk::HttpRequest& request) {
  return request.header(kClientAddressHeader).value_or("");
}

}  // namespace ucf::host
