#pragma once

#include "plugin/app/store_failure.hpp"
#include "plugin/domain/domain_error.hpp"
#include "ucf/sdk/http_response.hpp"

namespace ucf::rest {

/// The one mapping from an expected failure to its problem+json response (docs/PRODUCT.md §6 codes).
sdk::HttpResponse problemOf(const domain::DomainError& error);

/// The response to a store that could not do its work (docs/PRODUCT.md §8): 503 with
/// `Retry-After` while the database is away, slow or busy, 507 when the disk is full. The detail
/// names the cause, never the database's own message.
sdk::HttpResponse problemOf(const app::StoreFailure& failure);

/// HTTP status of an error code.
int statusOf(domain::ErrorCode code);

}  // namespace ucf::rest
