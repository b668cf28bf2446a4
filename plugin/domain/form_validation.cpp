#include "plugin/domain/form_validation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "reference/text_rules.hpp"
#include "reference/uscc.hpp"

namespace ucf::domain {
namespace {

namespace code = field_code;
using reference::checkUscc;
using reference::codePointCount;
using reference::isAsciiDigit;
using reference::isAsciiUpper;
using reference::isBlank;
using reference::isEmail;
using reference::isMobile;
using reference::UsccProblem;

// Amounts above this are typing mistakes, not enterprises (1e12 万元 is beyond any capital).
constexpr double kMaxDecimal = 1e12;
// Head counts above this do not fit a 32-bit column and are typing mistakes anyway.
constexpr std::int64_t kMaxInteger = std::numeric_limits<std::int32_t>::max();

FieldError errorOf(const FieldDefinition& field, const char* errorCode, std::string_view text) {
  std::string message{field.label};
  message += text;
  return {std::string{field.name}, errorCode, std::move(message)};
}

bool isCustomsCode(std::string_view text) {
  return text.size() == 10 &&
         std::all_of(text.begin(), text.end(), [](char c) { return isAsciiDigit(c) || isAsciiUpper(c); });
}

// Whether a non-negative finite amount has at most two decimals. A decimal literal such as
// 0.29 is not exact in binary, so x·100 is compared with the nearest integer within a tolerance
// a few times the rounding error of parsing (≤ 1 ulp) and multiplying, ~2.2e-16 relative each;
// at the 1e14 maximum of x·100 it is 0.06, below the 0.1 that a third decimal adds.
bool hasAtMostTwoDecimals(double x) {
  const double cents = x * 100.0;
  return std::fabs(cents - std::round(cents)) <= 1e-9 + 6e-16 * std::fabs(cents);
}

std::int64_t minimumOf(const FieldDefinition& field) { return field.name == "employeeCount" ? 1 : 0; }

const char* typeWord(FieldType type) {
  switch (type) {
    case FieldType::kDecimal: return "应为数字";
    case FieldType::kInteger: return "应为整数";
    case FieldType::kText:
    case FieldType::kEnum:
    case FieldType::kDate:
    case FieldType::kUscc:
    case FieldType::kCustomsCode:
    case FieldType::kMobile:
    case FieldType::kEmail: return "应为字符串";
  }
  return "类型不正确";
}

std::optional<FieldError> checkText(const FieldDefinition& field, const std::string& text) {
  if (field.minLength > 0 && isBlank(text)) return errorOf(field, code::kTooShort, "不能为空");
  const std::size_t length = codePointCount(text);
  if (length < static_cast<std::size_t>(field.minLength)) {
    return errorOf(field, code::kTooShort, "至少" + std::to_string(field.minLength) + "个字符");
  }
  if (field.maxLength > 0 && length > static_cast<std::size_t>(field.maxLength)) {
    return errorOf(field, code::kTooLong, "不能超过" + std::to_string(field.maxLength) + "个字符");
  }
  return std::nullopt;
}

std::optional<FieldError> checkString(const FieldDefinition& field, const std::string& text) {
  switch (field.type) {
    case FieldType::kText: return checkText(field, text);
    case FieldType::kEnum: {
      const bool known =
          std::any_of(field.options.begin(), field.options.end(), [&](const EnumOption& o) { return o.value == text; });
      if (!known) return errorOf(field, code::kNotAllowed, "不在可选范围内");
      return std::nullopt;
    }
    case FieldType::kDate:
      if (!parseIsoDate(text)) return errorOf(field, code::kInvalidFormat, "格式不正确，应为有效日期（YYYY-MM-DD）");
      return std::nullopt;
    case FieldType::kUscc: {
      const auto problem = checkUscc(text);
      if (!problem) return std::nullopt;
      switch (*problem) {
        case UsccProblem::kLength:
        case UsccProblem::kCharacter:
        case UsccProblem::kDivisionDigits: return errorOf(field, code::kInvalidFormat, "格式不正确");
        case UsccProblem::kCheckCharacter: return errorOf(field, code::kInvalidChecksum, "校验位不正确");
      }
      return errorOf(field, code::kInvalidFormat, "格式不正确");
    }
    case FieldType::kCustomsCode:
      if (!isCustomsCode(text)) return errorOf(field, code::kInvalidFormat, "格式不正确，应为10位数字或大写字母");
      return std::nullopt;
    case FieldType::kMobile:
      if (!isMobile(text)) return errorOf(field, code::kInvalidFormat, "格式不正确");
      return std::nullopt;
    case FieldType::kEmail:
      if (field.maxLength > 0 && codePointCount(text) > static_cast<std::size_t>(field.maxLength)) {
        return errorOf(field, code::kTooLong, "不能超过" + std::to_string(field.maxLength) + "个字符");
      }
      if (!isEmail(text)) return errorOf(field, code::kInvalidFormat, "格式不正确");
      return std::nullopt;
    case FieldType::kDecimal:
    case FieldType::kInteger: return errorOf(field, code::kInvalidType, typeWord(field.type));
  }
  return errorOf(field, code::kInvalidType, typeWord(field.type));
}

std::optional<FieldError> checkDecimal(const FieldDefinition& field, double x) {
  if (!std::isfinite(x)) return errorOf(field, code::kInvalidType, typeWord(field.type));
  if (x < 0) return errorOf(field, code::kOutOfRange, "不能小于0");
  if (x > kMaxDecimal) return errorOf(field, code::kOutOfRange, "超出允许范围");
  if (!hasAtMostTwoDecimals(x)) return errorOf(field, code::kTooManyDecimals, "最多保留两位小数");
  return std::nullopt;
}

std::optional<FieldError> checkNumber(const FieldDefinition& field, const FieldValue& value) {
  if (field.type == FieldType::kDecimal) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
      if (*i < 0) return errorOf(field, code::kOutOfRange, "不能小于0");
      if (static_cast<double>(*i) > kMaxDecimal) return errorOf(field, code::kOutOfRange, "超出允许范围");
      return std::nullopt;
    }
    return checkDecimal(field, std::get<double>(value));
  }
  if (field.type == FieldType::kInteger) {
    // A JSON number with a fraction part or an exponent (3.0, 3e0) is not an integer literal.
    const auto* i = std::get_if<std::int64_t>(&value);
    if (i == nullptr) return errorOf(field, code::kInvalidType, typeWord(field.type));
    const std::int64_t minimum = minimumOf(field);
    if (*i < minimum) return errorOf(field, code::kOutOfRange, "不能小于" + std::to_string(minimum));
    if (*i > kMaxInteger) return errorOf(field, code::kOutOfRange, "超出允许范围");
    return std::nullopt;
  }
  return errorOf(field, code::kInvalidType, typeWord(field.type));
}

// A member counts as provided unless absent or a Null of a non-nullable field.
const FieldValue* providedValue(const FormData& form, const FieldDefinition& field) {
  const auto it = form.find(field.name);
  if (it == form.end()) return nullptr;
  if (std::holds_alternative<Null>(it->second) && !field.nullable) return nullptr;
  return &it->second;
}

// The per-field outcome: whether the member is provided, and its error if any.
struct MemberCheck {
  const FieldDefinition* field = nullptr;
  const FieldValue* value = nullptr;
  std::optional<FieldError> error;

  bool valid() const { return value != nullptr && !error; }
};

MemberCheck* checkOf(std::vector<MemberCheck>& checks, std::string_view name) {
  auto it = std::find_if(checks.begin(), checks.end(), [&](const MemberCheck& s) { return s.field->name == name; });
  return it == checks.end() ? nullptr : &*it;
}

std::optional<CalendarDate> dateOf(const MemberCheck& check) {
  const auto* text = std::get_if<std::string>(check.value);
  return text ? parseIsoDate(*text) : std::nullopt;
}

void applyCrossFieldRules(std::vector<MemberCheck>& checks, CalendarDate today) {
  MemberCheck* staff = checkOf(checks, "usedCarExportStaffCount");
  MemberCheck* employees = checkOf(checks, "employeeCount");
  if (staff && employees && staff->valid() && employees->valid() &&
      std::get<std::int64_t>(*staff->value) > std::get<std::int64_t>(*employees->value)) {
    staff->error = errorOf(*staff->field, code::kOutOfRange, "不能大于" + std::string{employees->field->label});
  }

  MemberCheck* established = checkOf(checks, "establishedOn");
  if (established && established->valid()) {
    if (auto date = dateOf(*established); date && *date > today) {
      established->error = errorOf(*established->field, code::kFutureDate, "不能晚于今天");
    }
  }

  MemberCheck* from = checkOf(checks, "businessTerm.from");
  MemberCheck* to = checkOf(checks, "businessTerm.to");
  if (from && to && from->valid() && to->valid()) {
    // `to` may be Null (长期): no end, so no order to check.
    const auto fromDate = dateOf(*from);
    const auto toDate = dateOf(*to);
    if (fromDate && toDate && *toDate < *fromDate) {
      to->error = errorOf(*to->field, code::kDateOrder, "不能早于" + std::string{from->field->label});
    }
  }
}

}  // namespace

std::string_view toString(SaveMode mode) {
  switch (mode) {
    case SaveMode::kDraft: return "draft";
    case SaveMode::kSave: return "save";
    case SaveMode::kSubmit: return "submit";
  }
  return "save";
}

std::optional<SaveMode> parseSaveMode(std::string_view word) {
  if (word == "draft") return SaveMode::kDraft;
  if (word == "save") return SaveMode::kSave;
  if (word == "submit") return SaveMode::kSubmit;
  return std::nullopt;
}

std::optional<FieldError> checkFieldValue(const FieldDefinition& field, const FieldValue& value) {
  if (std::holds_alternative<Null>(value)) {
    if (field.nullable) return std::nullopt;
    return errorOf(field, code::kInvalidType, typeWord(field.type));
  }
  if (const auto* text = std::get_if<std::string>(&value)) return checkString(field, *text);
  if (std::holds_alternative<bool>(value)) return errorOf(field, code::kInvalidType, typeWord(field.type));
  return checkNumber(field, value);
}

FieldErrors validateForm(const FormData& form, SaveMode mode, CalendarDate today) {
  const bool requireAll = [&] {
    switch (mode) {
      case SaveMode::kDraft: return false;
      case SaveMode::kSave:
      case SaveMode::kSubmit: return true;
    }
    return true;
  }();

  std::vector<MemberCheck> checks;
  checks.reserve(fields().size());
  for (const auto& field : fields()) {
    MemberCheck check{&field, providedValue(form, field), std::nullopt};
    if (check.value) {
      check.error = checkFieldValue(field, *check.value);
    } else if (requireAll && field.required) {
      check.error = errorOf(field, code::kRequired, "不能为空");
    }
    checks.push_back(std::move(check));
  }
  applyCrossFieldRules(checks, today);

  FieldErrors errors;
  for (auto& check : checks) {
    if (check.error) errors.push_back(std::move(*check.error));
  }
  for (const auto& [name, value] : form) {
    if (findField(name) == nullptr) errors.push_back({name, code::kUnknownField, "表单没有字段" + name});
  }
  return errors;
}

std::optional<EnterpriseCategory> categoryOf(const FormData& form) {
  const auto* word = stringOf(form, "enterpriseCategory");
  return word ? parseEnterpriseCategory(*word) : std::nullopt;
}

FieldErrors missingAttachments(const FormData& form, const FilledSlots& filledSlots) {
  FieldErrors errors;
  // Without a valid category (validateForm names it) every slot a category requires is listed,
  // those of one category saying which, so that one answer tells the user everything to do.
  const auto category = categoryOf(form);
  for (const auto& slot : slots()) {
    const bool required = category ? slotUsedBy(slot, *category) : slot.forManufacturer || slot.forDistributor;
    if (!required || filledSlots.contains(slot.slot)) continue;
    std::string message = "请上传" + std::string{slot.label};
    if (!category && slot.forManufacturer != slot.forDistributor)
      message += slot.forManufacturer ? "（生产企业）" : "（流通企业）";
    errors.push_back({"attachments." + std::string{slot.slot}, code::kMissingAttachment, std::move(message)});
  }
  return errors;
}

bool slotAllowedFor(const FormData& form, std::string_view slot) {
  const auto* definition = findSlot(slot);
  if (definition == nullptr) return false;
  const auto category = categoryOf(form);
  return !category || slotUsedBy(*definition, *category);
}

}  // namespace ucf::domain
