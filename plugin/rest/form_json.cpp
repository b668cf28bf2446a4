#include "plugin/rest/form_json.hpp"

#include "plugin/domain/form_definition.hpp"
#include "plugin/json/field_value_json.hpp"

namespace ucf::rest {
namespace {

bool isGroup(std::string_view name) {
  std::string prefix = std::string(name) + ".";
  for (const auto& f : domain::fields()) {
    if (f.name.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

void addScalar(domain::FormData& form, const std::string& name, const boost::json::value& v,
               domain::FieldErrors& errors) {
  if (auto value = json::fromJson(v)) {
    form[name] = std::move(*value);
  } else {
    errors.push_back({name, domain::field_code::kInvalidType, "字段类型不正确"});
  }
}

}  // namespace

domain::FormData formFromJson(const boost::json::value& body, domain::FieldErrors& errors) {
  domain::FormData form;
  if (body.is_null()) return form;
  if (!body.is_object()) {
    errors.push_back({"", domain::field_code::kInvalidType, "请求体须为 JSON 对象"});
    return form;
  }
  for (const auto& [key, value] : body.as_object()) {
    const std::string name(key);
    if (isGroup(name)) {
      if (value.is_null()) {
        for (const auto& f : domain::fields()) {
          if (f.name.rfind(name + ".", 0) == 0) form[std::string(f.name)] = domain::Null{};
        }
      } else if (value.is_object()) {
        for (const auto& [member, inner] : value.as_object()) {
          std::string dotted = name + "." + std::string(member);
          if (!domain::findField(dotted)) {
            errors.push_back({dotted, domain::field_code::kUnknownField, "表单没有该字段"});
          } else {
            addScalar(form, dotted, inner, errors);
          }
        }
      } else {
        errors.push_back({name, domain::field_code::kInvalidType, "字段须为对象"});
      }
    } else if (domain::findField(name)) {
      addScalar(form, name, value, errors);
    } else {
      errors.push_back({name, domain::field_code::kUnknownField, "表单没有该字段"});
    }
  }
  return form;
}

boost::json::object formToJson(const domain::FormData& form) {
  boost::json::object out;
  for (const auto& [name, value] : form) {
    auto dot = name.find('.');
    if (dot == std::string::npos) {
      out[name] = json::toJson(value);
    } else {
      auto& group = out[name.substr(0, dot)];
      if (!group.is_object()) group = boost::json::object();
      group.as_object()[name.substr(dot + 1)] = json::toJson(value);
    }
  }
  return out;
}

}  // namespace ucf::rest
