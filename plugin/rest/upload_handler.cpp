#include "plugin/rest/upload_handler.hpp"

#include <limits>
#include <variant>

#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>

#include "plugin/domain/slot_refusal.hpp"
#include "plugin/rest/caller_of.hpp"
#include "plugin/rest/outcome_response.hpp"
#include "plugin/rest/problem.hpp"
#include "plugin/rest/request_params.hpp"

namespace ucf::rest {
namespace {

using domain::ErrorCode;
using sdk::HttpResponse;

constexpr std::int64_t kMultipartOverhead = 64 * 1024;  // headers and boundaries around the file

// The original file name for display: no path, no control characters.
std::string displayName(const std::string& raw) {
  const auto slash = raw.find_last_of("/\\");
  std::string name = raw.substr(slash == std::string::npos ? 0 : slash + 1);
  std::string clean;
  for (unsigned char c : name) {
    if (c >= 0x20 && c != 0x7F) clean.push_back(static_cast<char>(c));
  }
  if (clean.empty() || clean == "." || clean == "..") clean = "upload";
  if (clean.size() > 200) clean = clean.substr(clean.size() - 200);
  return clean;
}

// The file part of a multipart body, spooled.
struct SpooledPart {
  std::unique_ptr<app::UploadSpool> spool;  // null when the body had no field `file`
  std::string fileName;
};

// Reads the parts of the body; the first named `file` goes to a spool, every other is skipped.
// Returns the response to send instead when the body is malformed or the file too large.
std::variant<SpooledPart, HttpResponse> readFilePart(std::istream& body, const std::string& boundary,
                                                     const SpoolFactory& spools, std::int64_t limit,
                                                     const std::function<HttpResponse()>& tooLarge) {
  SpooledPart part;
  try {
    Poco::Net::MultipartReader reader(body, boundary);
    while (reader.hasNextPart()) {
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      std::string disposition;
      Poco::Net::NameValueCollection params;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
      std::istream& in = reader.stream();
      if (params.get("name", "") != "file" || part.spool) {
        in.ignore(std::numeric_limits<std::streamsize>::max());  // other parts are not ours
        continue;
      }
      part.fileName = displayName(params.get("filename", ""));
      part.spool = spools(limit);
      char buffer[16384];
      while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        // Over the limit: answer now, without reading the rest of the body.
        if (!part.spool->append(buffer, static_cast<std::size_t>(in.gcount()))) return tooLarge();
      }
    }
  } catch (const Poco::Exception& e) {
    return problem(400, "Bad Request", "multipart 请求体格式不正确: " + e.message(), "bad-multipart");
  }
  return part;
}

}  // namespace

HttpResponse handleUpload(app::FilingService& f, const SpoolFactory& spools, sdk::HttpRequest& req, std::int64_t id) {
  const std::string slot(req.pathParam("slot"));
  const auto caller = callerOf(*req.principal);
  auto prepared = f.prepareUpload(caller, id, slot);
  if (!prepared.ok()) return problemOf(prepared.error());
  const domain::SlotDefinition& def = *prepared.value();
  const std::int64_t limit = domain::maxBytesOf(def.kind);
  auto tooLarge = [&] {
    return problemOf(domain::slotRefusal(
        ErrorCode::kTooLarge, std::string(def.label) + " 的文件不能超过 " + std::to_string(limit) + " 字节", def));
  };
  if (req.contentLength > limit + kMultipartOverhead) return tooLarge();

  std::string mediaType;
  Poco::Net::NameValueCollection params;
  Poco::Net::MessageHeader::splitParameters(req.header("Content-Type").value_or(""), mediaType, params);
  if (Poco::icompare(mediaType, "multipart/form-data") != 0 || !params.has("boundary")) {
    return problem(415, "Unsupported Media Type", "上传须使用 multipart/form-data，文件字段名为 file",
                   "unsupported-media-type");
  }
  auto read = readFilePart(*req.body, params.get("boundary"), spools, limit, tooLarge);
  if (auto* refused = std::get_if<HttpResponse>(&read)) return *refused;
  auto& part = std::get<SpooledPart>(read);
  if (!part.spool) return unprocessable("file", domain::field_code::kRequired, "请选择要上传的文件（字段 file）");
  if (part.spool->size() == 0) return problemOf(domain::slotRefusal(ErrorCode::kUnsupportedContent, "文件为空", def));
  part.spool->finish();
  return respond(f.completeUpload(caller, id, slot, part.fileName, *part.spool), [&](const domain::Filing& filing) {
    const auto& a = domain::currentApplication(filing).attachments.at(slot);
    return jsonText(201, attachmentJson(a)).with("ETag", etagOf(filing.version));
  });
}

}  // namespace ucf::rest
