#pragma once

#include <string>
#include <vector>

#include "plugin/rest/api_route.hpp"

namespace ucf::rest {

/// The OpenAPI 3.1 document of `routes` (plus meta/form and openapi.json themselves), generated
/// from the same table the host registers, so the two cannot drift apart.
std::string openApiDocument(const std::vector<ApiRoute>& routes, const std::string& basePath);

}  // namespace ucf::rest
