#include "plugin/rest/request_params.hpp"

#include <charconv>

#include "plugin/rest/error_response.hpp"
#include "plugin/rest/form_json.hpp"
#include "plugin/rest/problem.hpp"
#include "plugin/rest/strict_json.hpp"

namespace ucf::rest {

sdk::HttpResponse unprocessable(std::string field, std::string code, std::string message) {
  return problemOf(domain::invalid({{std::move(field), std::move(code), std::move(message)}}));
}

std::optional<std::int64_t> parseInt(std::string_view text) {
  std::int64_t v = 0;
  if (text.empty() || text.size() > 18) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<std::int64_t> ifMatch(const sdk::HttpRequest& req) {
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

std::variant<domain::SaveMode, sdk::HttpResponse> modeOf(const sdk::HttpRequest& req) {
  auto m = req.queryParam("mode");
  if (!m || *m == "save") return domain::SaveMode::kSave;
  if (*m == "draft") return domain::SaveMode::kDraft;
  return unprocessable("mode", domain::field_code::kNotAllowed, "mode 须为 draft 或 save");
}

std::variant<domain::FormData, sdk::HttpResponse> formBody(sdk::HttpRequest& req, bool emptyAllowed) {
  ParsedJson parsed = parseStrictJson(*req.body, kMaxJsonBytes, emptyAllowed);
  if (!parsed.value) return problem(400, "Bad Request", parsed.problem, "bad-request");
  domain::FieldErrors errors;
  domain::FormData form = formFromJson(*parsed.value, errors);
  if (!errors.empty()) return problemOf(domain::invalid(std::move(errors)));
  return form;
}

std::optional<std::int64_t> intParam(const sdk::HttpRequest& req, const char* name, std::int64_t min, std::int64_t max,
                                     std::optional<sdk::HttpResponse>& bad) {
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

}  // namespace ucf::rest
