#pragma once

#include "plugin/domain/domain_error.hpp"
#include "ucf/sdk/http_response.hpp"

namespace ucf::rest {

/// The one mapping from an expected failure to its problem+json response (docs/PRODUCT.md §6 codes).
sdk::HttpResponse problemOf(const domain::DomainError& error);

/// HTTP status of an error code.
int statusOf(domain::ErrorCode code);

}  // namespace ucf::rest
