#include "plugin/rest/decision_handler.hpp"

#include <boost/json/value.hpp>

#include "plugin/app/filing_service.hpp"
#include "plugin/domain/form_definition.hpp"
#include "plugin/rest/caller_of.hpp"
#include "plugin/rest/outcome_response.hpp"
#include "plugin/rest/problem.hpp"
#include "plugin/rest/request_params.hpp"
#include "plugin/rest/strict_json.hpp"

namespace ucf::rest {
namespace {

namespace bj = boost::json;
using sdk::HttpResponse;

struct DecisionBody {
  std::optional<domain::ReviewDecision> decision;
  std::string opinion;
  std::vector<domain::FieldNote> notes;
};

// A note names a field of the form or `attachments.<slot>`.
bool notesField(std::string_view field) {
  return domain::findField(field) || (field.starts_with("attachments.") && domain::findSlot(field.substr(12)));
}

void readFieldNotes(const bj::value& value, DecisionBody& body, domain::FieldErrors& errors) {
  if (value.is_null()) return;
  if (!value.is_array()) {
    errors.push_back({"fieldNotes", domain::field_code::kInvalidType, "fieldNotes 须为数组"});
    return;
  }
  for (const auto& n : value.as_array()) {
    const auto* o = n.if_object();
    const auto* field = o ? o->if_contains("field") : nullptr;
    const auto* note = o ? o->if_contains("note") : nullptr;
    if (!(field && note && field->is_string() && note->is_string() && o->size() == 2 &&
          notesField(field->as_string()))) {
      errors.push_back({"fieldNotes", domain::field_code::kInvalidFormat,
                        "fieldNotes 的每一项须为 {field, note}，field 为表单字段"});
      return;
    }
    body.notes.push_back({std::string(field->as_string()), std::string(note->as_string())});
  }
}

void readOpinion(const bj::value& value, DecisionBody& body, domain::FieldErrors& errors) {
  if (value.is_string()) {
    body.opinion = value.as_string();
    if (body.opinion.size() > 6000) errors.push_back({"opinion", domain::field_code::kTooLong, "审核意见过长"});
  } else if (!value.is_null()) {
    errors.push_back({"opinion", domain::field_code::kInvalidType, "审核意见须为字符串"});
  }
}

DecisionBody readDecision(const bj::object& object, domain::FieldErrors& errors) {
  DecisionBody body;
  for (const auto& [key, value] : object) {
    if (key == "decision") {
      if (value.is_string()) body.decision = domain::parseReviewDecision(value.as_string());
      if (!body.decision)
        errors.push_back({"decision", domain::field_code::kNotAllowed, "decision 须为 approve 或 reject"});
    } else if (key == "opinion") {
      readOpinion(value, body, errors);
    } else if (key == "fieldNotes") {
      readFieldNotes(value, body, errors);
    } else {
      errors.push_back({std::string(key), domain::field_code::kUnknownField, "未知字段"});
    }
  }
  if (!body.decision && errors.empty()) errors.push_back({"decision", domain::field_code::kRequired, "请选择审核结论"});
  return body;
}

}  // namespace

HttpResponse handleDecision(app::FilingService& f, app::ReviewService& r, sdk::HttpRequest& req, std::int64_t id) {
  ParsedJson parsed = parseStrictJson(*req.body, kMaxJsonBytes);
  if (!parsed.value) return problem(400, "Bad Request", parsed.problem, "bad-request");
  if (!parsed.value->is_object()) return unprocessable("", domain::field_code::kInvalidType, "请求体须为 JSON 对象");
  domain::FieldErrors errors;
  DecisionBody body = readDecision(parsed.value->as_object(), errors);
  if (!errors.empty()) return problemOf(domain::invalid(std::move(errors)));
  return respond(r.decide(callerOf(*req.principal), id, *body.decision, body.opinion, body.notes, ifMatch(req)),
                 [&](const domain::Filing& filing) { return reviewDetail(filing, r, f.today()); });
}

HttpResponse handleRevoke(app::FilingService& f, app::ReviewService& r, sdk::HttpRequest& req, std::int64_t id) {
  ParsedJson parsed = parseStrictJson(*req.body, kMaxJsonBytes);
  if (!parsed.value) return problem(400, "Bad Request", parsed.problem, "bad-request");
  const auto* o = parsed.value->if_object();
  if (!o) return unprocessable("", domain::field_code::kInvalidType, "请求体须为 JSON 对象");
  for (const auto& [key, value] : *o) {
    if (key != "reason") return unprocessable(std::string(key), domain::field_code::kUnknownField, "未知字段");
  }
  const auto* reason = o->if_contains("reason");
  if (reason && !reason->is_string()) {
    return unprocessable("reason", domain::field_code::kInvalidType, "reason 须为字符串");
  }
  std::string text = reason ? std::string(reason->as_string()) : std::string();
  return respond(r.revoke(callerOf(*req.principal), id, text, ifMatch(req)),
                 [&](const domain::Filing& filing) { return reviewDetail(filing, r, f.today()); });
}

}  // namespace ucf::rest
