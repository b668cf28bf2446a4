#pragma once

#include <cstdint>
#include <functional>

#include "plugin/rest/api_route.hpp"

namespace ucf::rest {

/// A handler of a route under `/filings/{id}` or `/review/filings/{id}`, given the id.
using FilingHandler = std::function<sdk::HttpResponse(sdk::HttpRequest&, std::int64_t id)>;

/// The one place `{id}` is read: a positive integer is passed on; anything else cannot name a
/// filing and gets the same 404 as a missing one (docs/PRODUCT.md §6), before the handler runs.
ApiRoute::Handler byFilingId(FilingHandler handler);

}  // namespace ucf::rest
