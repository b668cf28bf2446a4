#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "plugin/domain/form_data.hpp"
#include "plugin/domain/form_definition.hpp"

namespace ucf::test {

/// A complete, valid form of `category` (address in Fujian, 350000), as a save or submit accepts
/// it. Domain-only, so unit tests and store tests share it.
inline domain::FormData completeForm(domain::EnterpriseCategory category = domain::EnterpriseCategory::kManufacturer,
                                     const std::string& uscc = "91350100M000100Y43") {
  using domain::Null;
  return {
      {"enterpriseName", std::string{"福州示例二手车出口有限公司"}},
      {"address.provinceCode", std::string{"350000"}},
      {"address.city", std::string{"福州市"}},
      {"address.district", std::string{"鼓楼区"}},
      {"address.detail", std::string{"五四路100号"}},
      {"uscc", uscc},
      {"customsCode", std::string{"3501960ABC"}},
      {"enterpriseNature", std::string{"PRIVATE"}},
      {"enterpriseCategory", std::string{domain::toString(category)}},
      {"legalRepresentative", std::string{"张三"}},
      {"registeredCapital", 1000.5},
      {"businessArea", std::int64_t{300}},
      {"enterpriseScale", std::string{"SMALL"}},
      {"employeeCount", std::int64_t{50}},
      {"usedCarExportStaffCount", std::int64_t{10}},
      {"establishedOn", std::string{"2015-06-18"}},
      {"businessTerm.from", std::string{"2015-06-18"}},
      {"businessTerm.to", Null{}},
      {"businessScope", std::string{"二手车销售；货物进出口"}},
      {"contact.name", std::string{"李四"}},
      {"contact.position", std::string{"经理"}},
      {"contact.mobile", std::string{"13800138000"}},
      {"contact.email", std::string{"li.si@example.com.cn"}},
  };
}

/// `form` with member `name` set to `value`.
inline domain::FormData with(domain::FormData form, const std::string& name, domain::FieldValue value) {
  form.insert_or_assign(name, std::move(value));
  return form;
}

/// `form` without member `name`.
inline domain::FormData without(domain::FormData form, const std::string& name) {
  form.erase(name);
  return form;
}

}  // namespace ucf::test
