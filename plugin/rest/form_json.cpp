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

void writeFormMembers(json::JsonWriter& out, const domain::FormData& form, std::string_view skip) {
  // The map is sorted, so the members of a group (`address.*`) are next to each other.
  std::string_view group;  // the group whose object is open, if any
  for (const auto& [name, value] : form) {
    const std::string_view n = name;
    const auto dot = n.find('.');
    const std::string_view owner = dot == std::string_view::npos ? std::string_view() : n.substr(0, dot);
    if (!group.empty() && owner != group) {
      out.endObject();
      group = {};
    }
    if (owner.empty()) {
      if (n == skip) continue;
      out.key(n);
    } else {
      if (group.empty()) {
        out.key(owner).beginObject();
        group = owner;
      }
      out.key(n.substr(dot + 1));
    }
    json::writeFieldValue(out, value);
  }
  if (!group.empty()) out.endObject();
}

}  // namespace ucf::rest
