#include "plugin/domain/form_identity.hpp"

#include <string>

namespace ucf::domain {

namespace {
constexpr std::string_view kUsccField = "uscc";
}  // namespace

FieldErrors checkUsccOwnership(const FormData& form, std::string_view principalUscc) {
  const auto it = form.find(kUsccField);
  if (it == form.end() || std::holds_alternative<Null>(it->second)) return {};
  const auto* value = std::get_if<std::string>(&it->second);
  if (value != nullptr && *value == principalUscc) return {};
  return {{std::string{kUsccField}, field_code::kMismatch, "统一社会信用代码须与登录企业一致，不可修改"}};
}

void stampIdentity(FormData& form, std::string_view principalUscc) {
  form.insert_or_assign(std::string{kUsccField}, FieldValue{std::string{principalUscc}});
}

}  // namespace ucf::domain
