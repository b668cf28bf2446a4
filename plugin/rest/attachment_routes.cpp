// A slot's file (docs/PRODUCT.md §3.4, §6): upload (upload_handler), download, removal.
#include "plugin/rest/caller_of.hpp"
#include "plugin/rest/content_disposition.hpp"
#include "plugin/rest/filing_id.hpp"
#include "plugin/rest/outcome_response.hpp"
#include "plugin/rest/request_params.hpp"
#include "plugin/rest/route_groups.hpp"

namespace ucf::rest {
namespace {

using sdk::HttpRequest;
using sdk::HttpResponse;

HttpResponse download(app::FilingService& f, HttpRequest& req, std::int64_t id) {
  auto opened = f.openAttachment(callerOf(*req.principal), id, req.pathParam("slot"));
  if (!opened.ok()) return problemOf(opened.error());
  auto shared = std::make_shared<app::OpenedAttachment>(std::move(opened.value()));
  HttpResponse r;
  r.status = 200;
  r.with("Content-Type", shared->attachment.contentType)
      .with("Content-Disposition", contentDisposition(shared->attachment.fileName))
      .with("X-Content-Type-Options", "nosniff")
      .with("ETag", "\"" + shared->attachment.sha256 + "\"")
      .with("Cache-Control", "no-store");  // licence scans: never kept by a cache
  r.streamLength = shared->attachment.size;
  r.streamBody = [shared](std::ostream& out) { shared->reader->copyTo(out); };
  return r;
}

}  // namespace

void addAttachmentRoutes(std::vector<ApiRoute>& routes, app::FilingService& f, const SpoolFactory& spools) {
  routes.push_back({.method = "PUT",
                    .path = "/filings/{id}/attachments/{slot}",
                    .summary = "Upload the file of a slot (multipart/form-data, field `file`)",
                    .who = "enterprise (own)",
                    .body = RequestBody::kMultipart,
                    .statuses = {201, 400, 404, 409, 413, 415, 422},
                    .handle = byFilingId([&f, &spools](HttpRequest& req, std::int64_t id) {
                      return handleUpload(f, spools, req, id);
                    })});
  routes.push_back({.method = "GET",
                    .path = "/filings/{id}/attachments/{slot}",
                    .summary = "Download the file of a slot",
                    .who = "owner, reviewers in scope",
                    .statuses = {200, 404},
                    .handle = byFilingId([&f](HttpRequest& req, std::int64_t id) { return download(f, req, id); })});
  routes.push_back({.method = "DELETE",
                    .path = "/filings/{id}/attachments/{slot}",
                    .summary = "Remove the file of a slot",
                    .who = "enterprise (own)",
                    .statuses = {204, 404, 409},
                    .handle = byFilingId([&f](HttpRequest& req, std::int64_t id) {
                      return respond(f.removeAttachment(callerOf(*req.principal), id, req.pathParam("slot")),
                                     [](const domain::Filing& filing) {
                                       return HttpResponse{204, {{"ETag", etagOf(filing.version)}}, {}, {}, -1};
                                     });
                    })});
}

}  // namespace ucf::rest
