#include "plugin/rest/error_response.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "plugin/rest/problem.hpp"

namespace ucf::rest {
namespace {
// Service resumes within 2 s of the database's return (docs/PRODUCT.md §8): a second is a fair wait.
constexpr int kRetryAfterSeconds = 1;
}  // namespace

int statusOf(domain::ErrorCode code) {
  switch (code) {
    case domain::ErrorCode::kNotFound: return 404;
    case domain::ErrorCode::kForbidden: return 403;
    case domain::ErrorCode::kConflict: return 409;
    case domain::ErrorCode::kOpenApplicationExists: return 409;
    case domain::ErrorCode::kStale: return 412;
    case domain::ErrorCode::kPreconditionRequired: return 428;
    case domain::ErrorCode::kValidation: return 422;
    case domain::ErrorCode::kTooLarge: return 413;
    case domain::ErrorCode::kUnsupportedContent: return 415;
    case domain::ErrorCode::kBadRequest: return 400;
  }
  return 500;
}

namespace {

const char* titleOf(domain::ErrorCode code) {
  switch (code) {
    case domain::ErrorCode::kNotFound: return "Not Found";
    case domain::ErrorCode::kForbidden: return "Forbidden";
    case domain::ErrorCode::kConflict: return "Conflict";
    case domain::ErrorCode::kOpenApplicationExists: return "Conflict";
    case domain::ErrorCode::kStale: return "Precondition Failed";
    case domain::ErrorCode::kPreconditionRequired: return "Precondition Required";
    case domain::ErrorCode::kValidation: return "Unprocessable Content";
    case domain::ErrorCode::kTooLarge: return "Content Too Large";
    case domain::ErrorCode::kUnsupportedContent: return "Unsupported Media Type";
    case domain::ErrorCode::kBadRequest: return "Bad Request";
  }
  return "Error";
}

const char* typeOf(domain::ErrorCode code) {
  switch (code) {
    case domain::ErrorCode::kNotFound: return "not-found";
    case domain::ErrorCode::kForbidden: return "forbidden";
    case domain::ErrorCode::kConflict: return "status-conflict";
    case domain::ErrorCode::kOpenApplicationExists: return "open-application-exists";
    case domain::ErrorCode::kStale: return "stale-version";
    case domain::ErrorCode::kPreconditionRequired: return "if-match-required";
    case domain::ErrorCode::kValidation: return "validation";
    case domain::ErrorCode::kTooLarge: return "file-too-large";
    case domain::ErrorCode::kUnsupportedContent: return "unsupported-file";
    case domain::ErrorCode::kBadRequest: return "bad-request";
  }
  return "error";
}

}  // namespace

sdk::HttpResponse problemOf(const domain::DomainError& e) {
  std::vector<FieldProblem> fields;
  for (const auto& f : e.fields) fields.push_back({f.field, f.code, f.message});
  sdk::HttpResponse r = problem(statusOf(e.code), titleOf(e.code), e.message, typeOf(e.code), fields);
  if (!e.slot.empty()) {
    // 413/415 name the slot, its limit and the kinds it takes: add them to the body.
    boost::json::object body = boost::json::parse(r.body).as_object();
    body["slot"] = e.slot;
    body["maxBytes"] = e.limitBytes;
    boost::json::array kinds;
    for (const auto& ext : e.allowedExtensions) kinds.push_back(boost::json::string(ext));
    body["allowedExtensions"] = std::move(kinds);
    r.body = boost::json::serialize(body);
  }
  return r;
}

sdk::HttpResponse problemOf(const app::StoreFailure& failure) {
  using Kind = app::StoreFailure::Kind;
  switch (failure.kind()) {
    case Kind::kUnavailable:
      return problem(503, "Service Unavailable", "数据库暂时不可用，请稍后重试 (the database is unavailable)",
                     "database-unavailable")
          .with("Retry-After", std::to_string(kRetryAfterSeconds));
    case Kind::kTimeout:
      return problem(503, "Service Unavailable", "数据库操作超时，请稍后重试 (a database statement ran past its limit)",
                     "database-timeout")
          .with("Retry-After", std::to_string(kRetryAfterSeconds));
    case Kind::kBusy:
      return problem(503, "Service Unavailable", "系统繁忙，请稍后重试 (the database is busy)", "database-busy")
          .with("Retry-After", std::to_string(kRetryAfterSeconds));
    case Kind::kDiskFull:
      return problem(507, "Insufficient Storage", "存储空间不足，未保存 (no space left to store it; nothing was saved)",
                     "insufficient-storage");
  }
  return problem(503, "Service Unavailable", "", "database-unavailable");
}

}  // namespace ucf::rest
