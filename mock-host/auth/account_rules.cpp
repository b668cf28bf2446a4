#include "mock-host/auth/account_rules.hpp"

#include <algorithm>

#include "plugin/domain/field_error.hpp"
#include "plugin/domain/form_definition.hpp"
#include "plugin/domain/form_validation.hpp"

namespace ucf::host::auth {
namespace {

namespace code = domain::field_code;

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
  const domain::FieldDefinition* definition = domain::findField(formField);
  if (!definition) return problemOf(field, code::kInvalidFormat, "格式不正确");
  auto error = domain::checkFieldValue(*definition, domain::FieldValue{value});
  if (!error) return std::nullopt;
  return problemOf(field, error->code.c_str(), error->message);
}

std::optional<FieldProblem> checkProvinceCode(std::string_view field, std::string_view value) {
  if (!domain::findProvince(value)) return problemOf(field, code::kNotAllowed, "省级行政区划代码不在可选范围内");
  return std::nullopt;
}

}  // namespace ucf::host::auth
