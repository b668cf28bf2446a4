#include "mock-host/auth/json_body.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>

#include "reference/field_codes.hpp"

namespace ucf::host::auth {
namespace {

namespace code = reference::field_code;

}  // namespace

std::variant<boost::json::object, sdk::HttpResponse> readJsonObject(sdk::HttpRequest& request, std::size_t limit) {
  if (request.contentLength > static_cast<std::int64_t>(limit)) {
    return problem(413, "Content Too Large", "The request body exceeds " + std::to_string(limit) + " bytes.");
  }
  std::string text;
  char buffer[4096];
  while (request.body && *request.body) {
    request.body->read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(request.body->gcount()));
    if (text.size() > limit) {
      return problem(413, "Content Too Large", "The request body exceeds " + std::to_string(limit) + " bytes.");
    }
  }
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec) return problem(400, "Bad Request", "The body is not valid JSON.");
  if (!value.is_object()) return problem(400, "Bad Request", "The body must be a JSON object.");
  return std::move(value.as_object());
}

JsonFields::JsonFields(const boost::json::object& object, std::initializer_list<std::string_view> known)
    : object_(object) {
  for (const auto& member : object) {
    std::string_view key = member.key();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      problems_.push_back({std::string(key), code::kUnknownField, "不支持的字段"});
    }
  }
}

std::string JsonFields::text(std::string_view name) {
  const boost::json::value* v = object_.if_contains(name);
  if (!v || v->is_null() || (v->is_string() && v->as_string().empty())) {
    problems_.push_back({std::string(name), code::kRequired, "不能为空"});
    return {};
  }
  if (!v->is_string()) {
    problems_.push_back({std::string(name), code::kInvalidType, "应为字符串"});
    return {};
  }
  return std::string(v->as_string());
}

std::optional<std::string> JsonFields::optionalText(std::string_view name) {
  const boost::json::value* v = object_.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    problems_.push_back({std::string(name), code::kInvalidType, "应为字符串"});
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::vector<std::string> JsonFields::textList(std::string_view name) {
  const boost::json::value* v = object_.if_contains(name);
  if (!v || v->is_null()) {
    problems_.push_back({std::string(name), code::kRequired, "不能为空"});
    return {};
  }
  if (!v->is_array()) {
    problems_.push_back({std::string(name), code::kInvalidType, "应为字符串数组"});
    return {};
  }
  std::vector<std::string> out;
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) {
      problems_.push_back({std::string(name), code::kInvalidType, "应为字符串数组"});
      return {};
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

bool JsonFields::failed(std::string_view name) const {
  return std::any_of(problems_.begin(), problems_.end(), [&](const FieldProblem& p) { return p.field == name; });
}

sdk::HttpResponse JsonFields::response() const {
  return problem(422, "Unprocessable Content", "Some fields are missing or invalid.", problems_);
}

}  // namespace ucf::host::auth
