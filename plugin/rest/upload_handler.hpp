#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "plugin/app/filing_service.hpp"
#include "ucf/sdk/http_request.hpp"
#include "ucf/sdk/http_response.hpp"

namespace ucf::rest {

/// Makes the spool an upload streams into (an adapter: a temporary file, hashed as it grows).
using SpoolFactory = std::function<std::unique_ptr<app::UploadSpool>(std::int64_t limit)>;

/// `PUT /filings/{id}/attachments/{slot}`: checks the slot and the caller before reading the
/// body, streams the multipart field `file` into a spool (never whole in memory; over the
/// slot's limit → 413 without reading the rest), then stores it in one short transaction.
sdk::HttpResponse handleUpload(app::FilingService& filings, const SpoolFactory& spools, sdk::HttpRequest& req,
                               std::int64_t id);

}  // namespace ucf::rest
