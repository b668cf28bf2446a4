#include "plugin/rest/filing_api.hpp"

#include <charconv>
#include <sstream>

#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <boost/json/serialize.hpp>

#include "plugin/domain/filing_lifecycle.hpp"
#include "plugin/domain/slot_refusal.hpp"
#include "plugin/rest/caller_of.hpp"
#include "plugin/rest/error_response.hpp"
#include "plugin/rest/filing_json.hpp"
#include "plugin/rest/form_json.hpp"
#include "plugin/rest/problem.hpp"
#include "plugin/rest/strict_json.hpp"

namespace ucf::rest {
namespace {

namespace bj = boost::json;
using domain::ErrorCode;
using domain::fail;
using sdk::HttpRequest;
using sdk::HttpResponse;

constexpr std::size_t kMaxJsonBytes = 256 * 1024;
constexpr std::int64_t kMultipartOverhead = 64 * 1024;  // headers and boundaries around the file

HttpResponse unprocessable(std::string field, std::string code, std::string message) {
  return problemOf(domain::invalid({{std::move(field), std::move(code), std::move(message)}}));
}

std::optional<std::int64_t> parseInt(std::string_view text) {
  std::int64_t v = 0;
  if (text.empty() || text.size() > 18) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// `{id}`: a positive integer, else the filing cannot exist.
std::optional<std::int64_t> filingId(const HttpRequest& req) {
  auto id = parseInt(req.pathParam("id"));
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

// If-Match: "7" (also W/"7" or 7). Anything unreadable can never match: -1.
std::optional<std::int64_t> ifMatch(const HttpRequest& req) {
  auto h = req.header("If-Match");
  if (!h) return std::nullopt;
  std::string_view v = *h;
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v.substr(0, 2) == "W/") v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return parseInt(v).value_or(-1);
}

std::string etagOf(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

HttpResponse detailResponse(int status, const domain::Filing& f, domain::CalendarDate today, const DetailView& view) {
  return jsonText(status, filingDetailJson(f, today, view)).with("ETag", etagOf(f.version));
}

// The detail as the enterprise caller of `req` sees it (its actions narrowed to its access).
HttpResponse enterpriseDetail(int status, const domain::Filing& f, const HttpRequest& req, domain::CalendarDate today) {
  const app::Caller caller = callerOf(*req.principal);
  return detailResponse(status, f, today, {&caller, std::nullopt});
}

// The detail as the authorities see it: with the other filers' 新增 of the USCC in review.
HttpResponse reviewDetail(const domain::Filing& f, app::ReviewService& reviews, domain::CalendarDate today) {
  return detailResponse(200, f, today, {nullptr, reviews.otherOpenNew(f)});
}

template <typename T, typename F>
HttpResponse respond(const domain::Outcome<T>& outcome, F&& onSuccess) {
  if (!outcome.ok()) return problemOf(outcome.error());
  return onSuccess(outcome.value());
}

std::optional<domain::SaveMode> modeOf(const HttpRequest& req) {
  auto m = req.queryParam("mode");
  if (!m || *m == "save") return domain::SaveMode::kSave;
  if (*m == "draft") return domain::SaveMode::kDraft;
  return std::nullopt;
}

// A JSON form body; on failure the response to send.
std::variant<domain::FormData, HttpResponse> formBody(HttpRequest& req, bool emptyAllowed) {
  ParsedJson parsed = parseStrictJson(*req.body, kMaxJsonBytes, emptyAllowed);
  if (!parsed.value) return problem(400, "Bad Request", parsed.problem, "bad-request");
  domain::FieldErrors errors;
  domain::FormData form = formFromJson(*parsed.value, errors);
  if (!errors.empty()) return problemOf(domain::invalid(std::move(errors)));
  return form;
}

// Query parameters that must be one of a set of words; `bad` set to the 422 when not.
template <typename Enum, typename Parse>
std::optional<Enum> enumParam(const HttpRequest& req, const char* name, Parse parse, std::optional<HttpResponse>& bad) {
  auto raw = req.queryParam(name);
  if (!raw || raw->empty()) return std::nullopt;
  auto v = parse(*raw);
  if (!v) bad = unprocessable(name, domain::field_code::kNotAllowed, std::string("参数 ") + name + " 的取值不正确");
  return v;
}

std::optional<std::int64_t> intParam(const HttpRequest& req, const char* name, std::int64_t min, std::int64_t max,
                                     std::optional<HttpResponse>& bad) {
  auto raw = req.queryParam(name);
  if (!raw || raw->empty()) return std::nullopt;
  auto v = parseInt(*raw);
  if (!v || *v < min || *v > max) {
    bad = unprocessable(
        name, domain::field_code::kOutOfRange,
        std::string("参数 ") + name + " 须为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间的整数");
    return std::nullopt;
  }
  return v;
}

// RFC 6266 / RFC 8187: an ASCII fallback and the UTF-8 name percent-encoded.
std::string contentDisposition(const std::string& fileName) {
  std::string fallback, encoded;
  for (unsigned char c : fileName) {
    fallback.push_back(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' ? static_cast<char>(c) : '_');
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') {
      encoded.push_back(static_cast<char>(c));
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xF];
    }
  }
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

// The original file name for display: no path, no control characters.
std::string displayName(const std::string& raw) {
  std::string name = raw.substr(raw.find_last_of("/\\") == std::string::npos ? 0 : raw.find_last_of("/\\") + 1);
  std::string clean;
  for (unsigned char c : name) {
    if (c >= 0x20 && c != 0x7F) clean.push_back(static_cast<char>(c));
  }
  if (clean.empty() || clean == "." || clean == "..") clean = "upload";
  if (clean.size() > 200) clean = clean.substr(clean.size() - 200);
  return clean;
}

void csvField(std::ostream& out, std::string_view v) {
  // Quote every field; neutralise spreadsheet formulas (a leading tab or carriage return is
  // dropped by some spreadsheets, exposing what follows as a formula).
  out << '"';
  if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos) out << '\'';
  for (char c : v) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

}  // namespace

FilingApi::FilingApi(app::FilingService& filings, app::ReviewService& reviews, SpoolFactory spools)
    : filings_(filings), reviews_(reviews), spools_(std::move(spools)) {
  addEnterpriseRoutes();
  addAttachmentRoutes();
  addReviewRoutes();
  // Every /review route answers anyone but the authorities 403 before it reads its path or body.
  for (auto& route : routes_) {
    if (!route.path.starts_with("/review/")) continue;
    route.handle = [inner = std::move(route.handle)](HttpRequest& req) {
      if (auto refused = app::refuseNonAuthority(callerOf(*req.principal))) return problemOf(*refused);
      return inner(req);
    };
  }
}

void FilingApi::addEnterpriseRoutes() {
  auto& f = filings_;
  routes_.push_back(
      {"GET",
       "/filings",
       sdk::RouteAccess::kAuthenticated,
       "List the enterprise's own filings",
       "enterprise",
       {"status", "applicationType", "expiringWithin", "page", "pageSize"},
       false,
       false,
       false,
       {200, 403, 422},
       false,
       [&f](HttpRequest& req) {
         std::optional<HttpResponse> bad;
         app::EnterpriseListQuery q;
         q.status = enumParam<domain::FilingStatus>(req, "status", domain::parseFilingStatus, bad);
         q.applicationType =
             enumParam<domain::ApplicationType>(req, "applicationType", domain::parseApplicationType, bad);
         if (auto n = intParam(req, "expiringWithin", 0, 3660, bad)) q.expiringWithin = static_cast<int>(*n);
         q.page = static_cast<int>(intParam(req, "page", 1, 1'000'000, bad).value_or(1));
         q.pageSize = static_cast<int>(intParam(req, "pageSize", 1, 100, bad).value_or(20));
         if (bad) return *bad;
         const app::Caller caller = callerOf(*req.principal);
         return respond(f.list(caller, q), [&](const app::EnterpriseListPage& page) {
           const auto today = f.today();
           json::JsonWriter out;
           out.beginObject();
           writeEnterpriseItems(out, page.items, today, caller);
           out.member("total", page.total).member("page", q.page).member("pageSize", q.pageSize).endObject();
           return jsonText(200, out.take());
         });
       }});

  routes_.push_back({"POST",
                     "/filings",
                     sdk::RouteAccess::kAuthenticated,
                     "Create a 新增 application (draft or save)",
                     "enterprise",
                     {"mode", "from"},
                     true,
                     false,
                     false,
                     {201, 400, 403, 409, 422},
                     false,
                     [&f](HttpRequest& req) {
                       auto mode = modeOf(req);
                       if (!mode)
                         return unprocessable("mode", domain::field_code::kNotAllowed, "mode 须为 draft 或 save");
                       std::optional<std::int64_t> from;
                       if (auto raw = req.queryParam("from")) {
                         from = parseInt(*raw);
                         if (!from) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
                       }
                       auto body = formBody(req, from.has_value());
                       if (auto* r = std::get_if<HttpResponse>(&body)) return *r;
                       auto outcome =
                           f.create(callerOf(*req.principal), std::get<domain::FormData>(std::move(body)), *mode, from);
                       return respond(outcome, [&](const domain::Filing& filing) {
                         return enterpriseDetail(201, filing, req, f.today())
                             .with("Location", std::string(kBasePath) + "/filings/" + std::to_string(filing.id));
                       });
                     }});

  routes_.push_back({"GET",
                     "/filings/{id}",
                     sdk::RouteAccess::kAuthenticated,
                     "The whole filing",
                     "enterprise (own)",
                     {},
                     false,
                     false,
                     false,
                     {200, 404},
                     true,
                     [&f](HttpRequest& req) {
                       auto id = filingId(req);
                       if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
                       return respond(f.detail(callerOf(*req.principal), *id), [&](const domain::Filing& filing) {
                         return enterpriseDetail(200, filing, req, f.today());
                       });
                     }});

  routes_.push_back({"PUT",
                     "/filings/{id}",
                     sdk::RouteAccess::kAuthenticated,
                     "Edit the open application (修改)",
                     "enterprise (own)",
                     {"mode"},
                     true,
                     false,
                     true,
                     {200, 400, 404, 409, 412, 422, 428},
                     true,
                     [&f](HttpRequest& req) {
                       auto id = filingId(req);
                       if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
                       auto mode = modeOf(req);
                       if (!mode)
                         return unprocessable("mode", domain::field_code::kNotAllowed, "mode 须为 draft 或 save");
                       auto body = formBody(req, false);
                       if (auto* r = std::get_if<HttpResponse>(&body)) return *r;
                       return respond(
                           f.edit(callerOf(*req.principal), *id, std::get<domain::FormData>(body), *mode, ifMatch(req)),
                           [&](const domain::Filing& filing) { return enterpriseDetail(200, filing, req, f.today()); });
                     }});

  routes_.push_back({"DELETE",
                     "/filings/{id}",
                     sdk::RouteAccess::kAuthenticated,
                     "Delete the open application (删除)",
                     "enterprise (own)",
                     {},
                     false,
                     false,
                     true,
                     {204, 404, 409, 412, 428},
                     true,
                     [&f](HttpRequest& req) {
                       auto id = filingId(req);
                       if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
                       return respond(f.remove(callerOf(*req.principal), *id, ifMatch(req)), [](const domain::Filing&) {
                         return HttpResponse{204, {}, {}, {}, -1};
                       });
                     }});

  routes_.push_back({"POST",
                     "/filings/{id}/submit",
                     sdk::RouteAccess::kAuthenticated,
                     "Submit (上报)",
                     "enterprise (own)",
                     {},
                     false,
                     false,
                     true,
                     {200, 404, 409, 412, 422, 428},
                     true,
                     [&f](HttpRequest& req) {
                       auto id = filingId(req);
                       if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
                       return respond(
                           f.submit(callerOf(*req.principal), *id, ifMatch(req)),
                           [&](const domain::Filing& filing) { return enterpriseDetail(200, filing, req, f.today()); });
                     }});

  routes_.push_back(
      {"POST",
       "/filings/{id}/change",
       sdk::RouteAccess::kAuthenticated,
       "Start a 变更 application",
       "enterprise (own)",
       {"mode"},
       true,
       false,
       true,
       {200, 400, 404, 409, 412, 422, 428},
       true,
       [&f](HttpRequest& req) {
         auto id = filingId(req);
         if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
         auto mode = modeOf(req);
         if (!mode) return unprocessable("mode", domain::field_code::kNotAllowed, "mode 须为 draft 或 save");
         auto body = formBody(req, true);
         if (auto* r = std::get_if<HttpResponse>(&body)) return *r;
         return respond(
             f.startChange(callerOf(*req.principal), *id, std::get<domain::FormData>(body), *mode, ifMatch(req)),
             [&](const domain::Filing& filing) { return enterpriseDetail(200, filing, req, f.today()); });
       }});

  routes_.push_back({"GET",
                     "/filings/{id}/history",
                     sdk::RouteAccess::kAuthenticated,
                     "Every history event",
                     "owner, reviewers in scope",
                     {},
                     false,
                     false,
                     false,
                     {200, 404},
                     true,
                     [&f](HttpRequest& req) {
                       auto id = filingId(req);
                       if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
                       return respond(f.history(callerOf(*req.principal), *id),
                                      [](const std::vector<domain::HistoryEvent>& events) {
                                        return jsonText(200, historyJson(events));
                                      });
                     }});

  routes_.push_back({"GET",
                     "/filings/{id}/diff",
                     sdk::RouteAccess::kAuthenticated,
                     "The open change against the approved data",
                     "owner, reviewers in scope",
                     {},
                     false,
                     false,
                     false,
                     {200, 404},
                     true,
                     [&f](HttpRequest& req) {
                       auto id = filingId(req);
                       if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
                       return respond(f.diff(callerOf(*req.principal), *id),
                                      [](const std::vector<domain::FieldChange>& changes) {
                                        return jsonText(200, diffJson(changes));
                                      });
                     }});

  routes_.push_back(
      {"GET",
       "/qualification",
       sdk::RouteAccess::kAuthenticated,
       "Whether the enterprise may apply for used-car export licences today",
       "enterprise",
       {},
       false,
       false,
       false,
       {200, 403},
       false,
       [&f](HttpRequest& req) {
         return respond(f.qualification(callerOf(*req.principal)), [](const app::Qualification& q) {
           json::JsonWriter out;
           out.beginObject().member("qualified", q.qualified).member("filingId", q.filingId);
           out.member("approvedAt", q.approvedAt ? std::optional(domain::toIsoInstant(*q.approvedAt)) : std::nullopt);
           out.member("validUntil", q.validUntil ? std::optional(domain::toIsoString(*q.validUntil)) : std::nullopt);
           return jsonText(200, out.endObject().take());
         });
       }});
}

void FilingApi::addAttachmentRoutes() {
  auto& f = filings_;
  auto& spools = spools_;
  routes_.push_back({"PUT",
                     "/filings/{id}/attachments/{slot}",
                     sdk::RouteAccess::kAuthenticated,
                     "Upload the file of a slot (multipart/form-data, field `file`)",
                     "enterprise (own)",
                     {},
                     false,
                     true,
                     false,
                     {201, 400, 404, 409, 413, 415, 422},
                     true,
                     [&f, &spools](HttpRequest& req) {
                       auto id = filingId(req);
                       if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
                       const std::string slot(req.pathParam("slot"));
                       const auto caller = callerOf(*req.principal);
                       auto prepared = f.prepareUpload(caller, *id, slot);
                       if (!prepared.ok()) return problemOf(prepared.error());
                       const domain::SlotDefinition& def = *prepared.value();
                       const std::int64_t limit = domain::maxBytesOf(def.kind);
                       auto tooLarge = [&] {
                         return problemOf(domain::slotRefusal(
                             ErrorCode::kTooLarge,
                             std::string(def.label) + " 的文件不能超过 " + std::to_string(limit) + " 字节", def));
                       };
                       if (req.contentLength > limit + kMultipartOverhead) return tooLarge();

                       std::string contentType = req.header("Content-Type").value_or("");
                       std::string mediaType;
                       Poco::Net::NameValueCollection params;
                       Poco::Net::MessageHeader::splitParameters(contentType, mediaType, params);
                       if (Poco::icompare(mediaType, "multipart/form-data") != 0 || !params.has("boundary")) {
                         return problem(415, "Unsupported Media Type",
                                        "上传须使用 multipart/form-data，文件字段名为 file", "unsupported-media-type");
                       }
                       std::unique_ptr<app::UploadSpool> spool;
                       std::string fileName;
                       try {
                         Poco::Net::MultipartReader reader(*req.body, params.get("boundary"));
                         while (reader.hasNextPart()) {
                           Poco::Net::MessageHeader header;
                           reader.nextPart(header);
                           std::string disposition;
                           Poco::Net::NameValueCollection dispositionParams;
                           Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                                                     dispositionParams);
                           std::istream& part = reader.stream();
                           if (dispositionParams.get("name", "") != "file" || spool) {
                             part.ignore(std::numeric_limits<std::streamsize>::max());  // other parts are not ours
                             continue;
                           }
                           fileName = displayName(dispositionParams.get("filename", ""));
                           spool = spools(limit);
                           char buffer[16384];
                           while (part.read(buffer, sizeof buffer) || part.gcount() > 0) {
                             // Over the limit: answer now, without reading the rest of the body.
                             if (!spool->append(buffer, static_cast<std::size_t>(part.gcount()))) return tooLarge();
                           }
                         }
                       } catch (const Poco::Exception& e) {
                         return problem(400, "Bad Request", "multipart 请求体格式不正确: " + e.message(),
                                        "bad-multipart");
                       }
                       if (!spool)
                         return unprocessable("file", domain::field_code::kRequired, "请选择要上传的文件（字段 file）");
                       if (spool->size() == 0)
                         return problemOf(domain::slotRefusal(ErrorCode::kUnsupportedContent, "文件为空", def));
                       spool->finish();
                       auto outcome = f.completeUpload(caller, *id, slot, fileName, *spool);
                       return respond(outcome, [&](const domain::Filing& filing) {
                         const auto& a = domain::currentApplication(filing).attachments.at(slot);
                         return jsonText(201, attachmentJson(a)).with("ETag", etagOf(filing.version));
                       });
                     }});

  routes_.push_back({"GET",
                     "/filings/{id}/attachments/{slot}",
                     sdk::RouteAccess::kAuthenticated,
                     "Download the file of a slot",
                     "owner, reviewers in scope",
                     {},
                     false,
                     false,
                     false,
                     {200, 404},
                     true,
                     [&f](HttpRequest& req) {
                       auto id = filingId(req);
                       if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
                       auto opened = f.openAttachment(callerOf(*req.principal), *id, req.pathParam("slot"));
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
                     }});

  routes_.push_back({"DELETE",
                     "/filings/{id}/attachments/{slot}",
                     sdk::RouteAccess::kAuthenticated,
                     "Remove the file of a slot",
                     "enterprise (own)",
                     {},
                     false,
                     false,
                     false,
                     {204, 404, 409},
                     true,
                     [&f](HttpRequest& req) {
                       auto id = filingId(req);
                       if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
                       return respond(f.removeAttachment(callerOf(*req.principal), *id, req.pathParam("slot")),
                                      [](const domain::Filing& filing) {
                                        return HttpResponse{204, {{"ETag", etagOf(filing.version)}}, {}, {}, -1};
                                      });
                     }});
}

void FilingApi::addReviewRoutes() {
  auto& f = filings_;
  auto& r = reviews_;
  auto reviewQuery = [](const HttpRequest& req, std::optional<HttpResponse>& bad) {
    app::ReviewListQuery q;
    q.status = enumParam<domain::FilingStatus>(req, "status", domain::parseFilingStatus, bad);
    q.stage = enumParam<domain::ReviewStage>(req, "stage", domain::parseReviewStage, bad);
    if (auto p = req.queryParam("provinceCode"); p && !p->empty()) q.provinceCode = *p;
    if (auto t = req.queryParam("q"); t && !t->empty()) q.text = *t;
    if (auto c = req.queryParam("cursor"); c && !c->empty()) {
      q.beforeId = parseInt(*c);
      if (!q.beforeId) bad = unprocessable("cursor", domain::field_code::kInvalidFormat, "cursor 不正确");
    }
    q.limit = static_cast<int>(intParam(req, "limit", 1, 100, bad).value_or(20));
    return q;
  };

  routes_.push_back({"GET",
                     "/review/filings",
                     sdk::RouteAccess::kAuthenticated,
                     "Filings in scope, keyset-paginated",
                     "reviewer, rechecker, supervisor",
                     {"status", "stage", "provinceCode", "q", "cursor", "limit"},
                     false,
                     false,
                     false,
                     {200, 403, 422},
                     false,
                     [&f, &r, reviewQuery](HttpRequest& req) {
                       std::optional<HttpResponse> bad;
                       auto q = reviewQuery(req, bad);
                       if (bad) return *bad;
                       return respond(r.list(callerOf(*req.principal), q), [&](const app::ReviewListPage& page) {
                         const auto today = f.today();
                         json::JsonWriter out;
                         out.beginObject();
                         writeReviewItems(out, page.items, today);
                         out.member("nextCursor",
                                    page.nextCursor ? std::optional(std::to_string(*page.nextCursor)) : std::nullopt);
                         return jsonText(200, out.endObject().take());
                       });
                     }});

  routes_.push_back(
      {"GET",
       "/review/filings.csv",
       sdk::RouteAccess::kAuthenticated,
       "The authorities' list as CSV (UTF-8 with BOM)",
       "reviewer, rechecker, supervisor",
       {"status", "stage", "provinceCode", "q"},
       false,
       false,
       false,
       {200, 403, 422},
       false,
       [&f, &r, reviewQuery](HttpRequest& req) {
         std::optional<HttpResponse> bad;
         auto q = reviewQuery(req, bad);
         if (bad) return *bad;
         q.limit = 100;
         const auto caller = callerOf(*req.principal);
         auto first = r.list(caller, q);
         if (!first.ok()) return problemOf(first.error());
         const auto today = f.today();
         std::ostringstream out;
         out << "\xEF\xBB\xBF";
         out << "备案编号,申请类型,企业名称,统一社会信用代码,所在省份,状态,审核阶段,上报时间,复核时间,有效截止日期\r\n";
         auto page = std::move(first.value());
         for (int pages = 0; pages < 10'000; ++pages) {
           for (const auto& s : page.items) {
             auto st = app::statusOn(s, today);
             out << s.id << ',';
             csvField(out, domain::labelOf(s.applicationType));
             out << ',';
             csvField(out, s.enterpriseName);
             out << ',';
             csvField(out, s.uscc);
             out << ',';
             const auto* p = domain::findProvince(s.provinceCode);
             csvField(out, p ? p->name : std::string_view(s.provinceCode));
             out << ',';
             csvField(out, domain::labelOf(st));
             out << ',';
             csvField(out, s.reviewStage && st == domain::FilingStatus::kPendingReview
                               ? (*s.reviewStage == domain::ReviewStage::kFirstReview ? "初审" : "复核")
                               : "");
             out << ',';
             csvField(out, s.submittedAt ? domain::toIsoInstant(*s.submittedAt) : "");
             out << ',';
             csvField(out, s.approvedAt ? domain::toIsoInstant(*s.approvedAt) : "");
             out << ',';
             csvField(out, s.validUntil ? domain::toIsoString(*s.validUntil) : "");
             out << "\r\n";
           }
           if (!page.nextCursor) break;
           q.beforeId = page.nextCursor;
           auto next = r.list(caller, q);
           if (!next.ok()) break;
           page = std::move(next.value());
         }
         HttpResponse resp{200, {}, out.str(), {}, -1};
         resp.with("Content-Type", "text/csv; charset=utf-8")
             .with("Content-Disposition", contentDisposition("二手车备案.csv"));
         return resp;
       }});

  routes_.push_back({"GET",
                     "/review/filings/{id}",
                     sdk::RouteAccess::kAuthenticated,
                     "A filing in scope",
                     "reviewer, rechecker, supervisor (in scope)",
                     {},
                     false,
                     false,
                     false,
                     {200, 403, 404},
                     true,
                     [&f, &r](HttpRequest& req) {
                       auto id = filingId(req);
                       if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
                       return respond(r.detail(callerOf(*req.principal), *id),
                                      [&](const domain::Filing& filing) { return reviewDetail(filing, r, f.today()); });
                     }});

  routes_.push_back(
      {"GET",
       "/review/filings/{id}/history/verify",
       sdk::RouteAccess::kAuthenticated,
       "Recompute the history's hash chain",
       "supervisor",
       {},
       false,
       false,
       false,
       {200, 403, 404},
       true,
       [&r](HttpRequest& req) {
         auto id = filingId(req);
         if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
         return respond(
             r.verifyHistory(callerOf(*req.principal), *id), [](const app::HistoryRecorder::Verification& v) {
               return json(200, bj::object{{"ok", v.ok},
                                           {"events", v.events},
                                           {"firstBrokenSeq",
                                            v.firstBrokenSeq ? bj::value(*v.firstBrokenSeq) : bj::value(nullptr)}});
             });
       }});

  routes_.push_back(
      {"POST",
       "/review/filings/{id}/decision",
       sdk::RouteAccess::kAuthenticated,
       "Approve or reject in first review or re-review",
       "reviewer (FIRST_REVIEW), rechecker (RECHECK)",
       {},
       true,
       false,
       true,
       {200, 400, 403, 404, 409, 412, 422, 428},
       true,
       [&f, &r](HttpRequest& req) {
         auto id = filingId(req);
         if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
         ParsedJson parsed = parseStrictJson(*req.body, kMaxJsonBytes);
         if (!parsed.value) return problem(400, "Bad Request", parsed.problem, "bad-request");
         if (!parsed.value->is_object())
           return unprocessable("", domain::field_code::kInvalidType, "请求体须为 JSON 对象");
         domain::FieldErrors errors;
         std::optional<domain::ReviewDecision> decision;
         std::string opinion;
         std::vector<domain::FieldNote> notes;
         for (const auto& [key, value] : parsed.value->as_object()) {
           if (key == "decision") {
             if (value.is_string()) decision = domain::parseReviewDecision(value.as_string());
             if (!decision)
               errors.push_back({"decision", domain::field_code::kNotAllowed, "decision 须为 approve 或 reject"});
           } else if (key == "opinion") {
             if (value.is_string()) {
               opinion = value.as_string();
               if (opinion.size() > 6000) errors.push_back({"opinion", domain::field_code::kTooLong, "审核意见过长"});
             } else if (!value.is_null()) {
               errors.push_back({"opinion", domain::field_code::kInvalidType, "审核意见须为字符串"});
             }
           } else if (key == "fieldNotes") {
             if (!value.is_array() && !value.is_null()) {
               errors.push_back({"fieldNotes", domain::field_code::kInvalidType, "fieldNotes 须为数组"});
               continue;
             }
             if (value.is_null()) continue;
             for (const auto& n : value.as_array()) {
               const auto* o = n.if_object();
               const auto* field = o ? o->if_contains("field") : nullptr;
               const auto* note = o ? o->if_contains("note") : nullptr;
               bool good = field && note && field->is_string() && note->is_string() && o->size() == 2 &&
                           (domain::findField(field->as_string()) ||
                            (field->as_string().starts_with("attachments.") &&
                             domain::findSlot(std::string_view(field->as_string()).substr(12))));
               if (!good) {
                 errors.push_back({"fieldNotes", domain::field_code::kInvalidFormat,
                                   "fieldNotes 的每一项须为 {field, note}，field 为表单字段"});
                 break;
               }
               notes.push_back({std::string(field->as_string()), std::string(note->as_string())});
             }
           } else {
             errors.push_back({std::string(key), domain::field_code::kUnknownField, "未知字段"});
           }
         }
         if (!decision && errors.empty())
           errors.push_back({"decision", domain::field_code::kRequired, "请选择审核结论"});
         if (!errors.empty()) return problemOf(domain::invalid(std::move(errors)));
         return respond(r.decide(callerOf(*req.principal), *id, *decision, opinion, notes, ifMatch(req)),
                        [&](const domain::Filing& filing) { return reviewDetail(filing, r, f.today()); });
       }});

  routes_.push_back({"POST",
                     "/review/filings/{id}/revoke",
                     sdk::RouteAccess::kAuthenticated,
                     "Void a filing in force (撤销)",
                     "supervisor",
                     {},
                     true,
                     false,
                     true,
                     {200, 400, 403, 404, 409, 412, 422, 428},
                     true,
                     [&f, &r](HttpRequest& req) {
                       auto id = filingId(req);
                       if (!id) return problemOf(fail(ErrorCode::kNotFound, "备案不存在"));
                       ParsedJson parsed = parseStrictJson(*req.body, kMaxJsonBytes);
                       if (!parsed.value) return problem(400, "Bad Request", parsed.problem, "bad-request");
                       const auto* o = parsed.value->if_object();
                       if (!o) return unprocessable("", domain::field_code::kInvalidType, "请求体须为 JSON 对象");
                       for (const auto& [key, value] : *o) {
                         if (key != "reason")
                           return unprocessable(std::string(key), domain::field_code::kUnknownField, "未知字段");
                       }
                       const auto* reason = o->if_contains("reason");
                       if (reason && !reason->is_string()) {
                         return unprocessable("reason", domain::field_code::kInvalidType, "reason 须为字符串");
                       }
                       std::string text = reason ? std::string(reason->as_string()) : std::string();
                       return respond(r.revoke(callerOf(*req.principal), *id, text, ifMatch(req)),
                                      [&](const domain::Filing& filing) { return reviewDetail(filing, r, f.today()); });
                     }});
}

}  // namespace ucf::rest
