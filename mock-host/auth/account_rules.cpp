#include "mock-host/auth/account_rules.hpp"

#include <algorithm>

#include <array>

#include "reference/field_codes.hpp"
#include "reference/provinces.hpp"
#include "reference/text_rules.hpp"
#include "reference/uscc.hpp"

namespace ucf::host::auth {
namespace {

namespace code = reference::field_code;

constexpr std::size_t kMinAccount = 4;
constexpr std::size_t kMaxAccount = 64;
constexpr std::size_t kMinPassword = 8;
constexpr std::size_t kMaxPassword = 128;

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

std::size_t codePoints(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

FieldProblem problemOf(std::string_view field, const char* errorCode, std::string message) {
  return {std::string(field), errorCode, std::move(message)};
}

// The data registration shares with the filing form, with the form's labels and bounds
// (docs/PRODUCT.md §3.1, §3.3), so that both answer a bad value alike. The host keeps its own
// copy: it links no plugin code.
enum class Datum { kText, kUscc, kMobile, kEmail };
struct FormDatum {
  std::string_view name;
  std::string_view label;
  Datum kind;
  std::size_t minLength = 0;
  std::size_t maxLength = 0;
};
constexpr std::array kFormData{
    FormDatum{"enterpriseName", "企业名称", Datum::kText, 1, 100}, FormDatum{"uscc", "统一社会信用代码", Datum::kUscc},
    FormDatum{"contact.name", "姓名", Datum::kText, 1, 50},        FormDatum{"contact.mobile", "手机", Datum::kMobile},
    FormDatum{"contact.email", "邮箱", Datum::kEmail, 3, 100},
};

std::optional<FieldProblem> checkDatum(std::string_view field, const FormDatum& d, const std::string& value) {
  auto fail = [&](const char* errorCode, const std::string& text) {
    return problemOf(field, errorCode, std::string(d.label) + text);
  };
  const std::size_t length = reference::codePointCount(value);
  switch (d.kind) {
    case Datum::kText:
      if (d.minLength > 0 && reference::isBlank(value)) return fail(code::kTooShort, "不能为空");
      if (length < d.minLength) return fail(code::kTooShort, "至少" + std::to_string(d.minLength) + "个字符");
      if (d.maxLength > 0 && length > d.maxLength) {
        return fail(code::kTooLong, "不能超过" + std::to_string(d.maxLength) + "个字符");
      }
      return std::nullopt;
    case Datum::kUscc:
      if (auto problem = reference::checkUscc(value)) {
        if (*problem == reference::UsccProblem::kCheckCharacter) return fail(code::kInvalidChecksum, "校验位不正确");
        return fail(code::kInvalidFormat, "格式不正确");
      }
      return std::nullopt;
    case Datum::kMobile:
      if (!reference::isMobile(value)) return fail(code::kInvalidFormat, "格式不正确");
      return std::nullopt;
    case Datum::kEmail:
      if (d.maxLength > 0 && length > d.maxLength) {
        return fail(code::kTooLong, "不能超过" + std::to_string(d.maxLength) + "个字符");
      }
      if (!reference::isEmail(value)) return fail(code::kInvalidFormat, "格式不正确");
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<FieldProblem> checkAccountName(std::string_view field, std::string_view value) {
  if (value.size() < kMinAccount) return problemOf(field, code::kTooShort, "账号至少4个字符");
  if (value.size() > kMaxAccount) return problemOf(field, code::kTooLong, "账号不能超过64个字符");
  bool allowed = std::all_of(value.begin(), value.end(), [](char c) {
    return isLetter(c) || isDigit(c) || c == '_' || c == '.' || c == '@' || c == '-';
  });
  if (!allowed || !(isLetter(value.front()) || isDigit(value.front()))) {
    return problemOf(field, code::kInvalidFormat, "账号只能由字母、数字和 _ . @ - 组成，并以字母或数字开头");
  }
  return std::nullopt;
}

std::optional<FieldProblem> checkCertificateUsername(std::string_view field, std::string_view value) {
  if (value.empty()) return problemOf(field, code::kRequired, "用户名不能为空");
  if (codePoints(value) > kMaxAccount) return problemOf(field, code::kTooLong, "用户名不能超过64个字符");
  bool control = std::any_of(value.begin(), value.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
  if (control || value.front() == ' ' || value.back() == ' ') {
    return problemOf(field, code::kInvalidFormat, "用户名不能含控制字符或首尾空格");
  }
  return std::nullopt;
}

std::optional<FieldProblem> checkPassword(std::string_view field, std::string_view value) {
  std::size_t length = codePoints(value);
  if (length < kMinPassword) return problemOf(field, code::kTooShort, "密码至少8个字符");
  if (length > kMaxPassword) return problemOf(field, code::kTooLong, "密码不能超过128个字符");
  bool letter = std::any_of(value.begin(), value.end(), isLetter);
  bool digit = std::any_of(value.begin(), value.end(), isDigit);
  if (!letter || !digit) return problemOf(field, code::kInvalidFormat, "密码须同时包含字母和数字");
  return std::nullopt;
}

std::optional<FieldProblem> checkAsFormField(std::string_view field, std::string_view formField,
                                             const std::string& value) {
  for (const auto& d : kFormData) {
    if (d.name == formField) return checkDatum(field, d, value);
  }
  return problemOf(field, code::kInvalidFormat, "格式不正确");
}

std::optional<FieldProblem> checkProvinceCode(std::string_view field, std::string_view value) {
  if (!reference::findProvince(value)) return problemOf(field, code::kNotAllowed, "省级行政区划代码不在可选范围内");
  return std::nullopt;
}

}  // namespace ucf::host::auth
