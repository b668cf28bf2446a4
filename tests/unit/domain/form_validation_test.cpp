#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "plugin/domain/filing_lifecycle.hpp"
#include "plugin/domain/form_validation.hpp"

#include "tests/support/complete_form.hpp"

using namespace ucf::domain;
namespace code = ucf::domain::field_code;

namespace {

const CalendarDate kToday{2026, 3, 1};

using ucf::test::with;
using ucf::test::without;

// A complete, valid form of a distributor.
FormData validForm() { return ucf::test::completeForm(EnterpriseCategory::kDistributor); }

// The single error a form has, failing the test when it has none or several.
FieldError onlyError(const FormData& form, SaveMode mode = SaveMode::kSave) {
  const auto errors = validateForm(form, mode, kToday);
  INFO("errors: " << errors.size());
  for (const auto& e : errors) INFO(e.field << " " << e.code << " " << e.message);
  REQUIRE(errors.size() == 1);
  return errors.front();
}

// The error code of `value` in `field` of an otherwise valid form, "" when accepted.
std::string codeFor(const std::string& field, FieldValue value, const FormData& base = validForm()) {
  const auto errors = validateForm(with(base, field, std::move(value)), SaveMode::kSave, kToday);
  if (errors.empty()) return "";
  REQUIRE(errors.size() == 1);
  CHECK(errors.front().field == field);
  return errors.front().code;
}

std::string repeat(std::string_view unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

FilledSlots allSlotsOf(EnterpriseCategory category) {
  FilledSlots filled;
  for (const auto& s : slots()) {
    if (slotUsedBy(s, category)) filled.emplace(s.slot);
  }
  return filled;
}

std::vector<std::string> fieldsOf(const FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

}  // namespace

TEST_CASE("save modes have words") {
  CHECK(toString(SaveMode::kDraft) == "draft");
  CHECK(toString(SaveMode::kSave) == "save");
  CHECK(toString(SaveMode::kSubmit) == "submit");
  for (auto mode : {SaveMode::kDraft, SaveMode::kSave, SaveMode::kSubmit}) CHECK(parseSaveMode(toString(mode)) == mode);
  CHECK_FALSE(parseSaveMode("DRAFT").has_value());
  CHECK_FALSE(parseSaveMode("").has_value());
}

TEST_CASE("a complete valid form passes in every mode") {
  for (auto mode : {SaveMode::kDraft, SaveMode::kSave, SaveMode::kSubmit}) {
    CHECK(validateForm(validForm(), mode, kToday).empty());
  }
  // businessTerm.to may be a date, null (长期) or absent.
  CHECK(validateForm(with(validForm(), "businessTerm.to", std::string{"2035-06-17"}), SaveMode::kSave, kToday).empty());
  CHECK(validateForm(without(validForm(), "businessTerm.to"), SaveMode::kSubmit, kToday).empty());
}

TEST_CASE("draft checks only the members present") {
  CHECK(validateForm({}, SaveMode::kDraft, kToday).empty());
  CHECK(validateForm({{"enterpriseName", std::string{"甲"}}}, SaveMode::kDraft, kToday).empty());
  // Null of a non-nullable member counts as absent.
  CHECK(validateForm({{"enterpriseName", Null{}}, {"employeeCount", Null{}}}, SaveMode::kDraft, kToday).empty());
  // A present member is still checked for format.
  const auto errors = validateForm({{"contact.mobile", std::string{"12345"}}}, SaveMode::kDraft, kToday);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == FieldError{"contact.mobile", code::kInvalidFormat, "手机格式不正确"});
  // Cross-field rules apply in draft too when both members are there.
  const auto future = validateForm({{"establishedOn", std::string{"2026-03-02"}}}, SaveMode::kDraft, kToday);
  REQUIRE(future.size() == 1);
  CHECK(future[0].code == code::kFutureDate);
}

TEST_CASE("save and submit require every required member, in field order") {
  for (auto mode : {SaveMode::kSave, SaveMode::kSubmit}) {
    const auto errors = validateForm({}, mode, kToday);
    std::vector<std::string> expected;
    for (const auto& f : fields()) {
      if (f.required) expected.emplace_back(f.name);
    }
    CHECK(fieldsOf(errors) == expected);
    CHECK(expected.size() == 22);  // every field but businessTerm.to
    for (const auto& e : errors) CHECK(e.code == code::kRequired);
  }
  CHECK(onlyError(without(validForm(), "enterpriseName")) ==
        FieldError{"enterpriseName", code::kRequired, "企业名称不能为空"});
  CHECK(onlyError(with(validForm(), "contact.email", Null{})) ==
        FieldError{"contact.email", code::kRequired, "邮箱不能为空"});
  CHECK(onlyError(without(validForm(), "address.city"), SaveMode::kSubmit).field == "address.city");
}

TEST_CASE("every required field reports required when missing") {
  for (const auto& f : fields()) {
    if (!f.required) continue;
    const auto e = onlyError(without(validForm(), std::string{f.name}));
    CHECK(e.field == f.name);
    CHECK(e.code == code::kRequired);
    CHECK(e.message == std::string{f.label} + "不能为空");
  }
}

TEST_CASE("errors come in the form's field order") {
  FormData form = validForm();
  form["contact.email"] = std::string{"bad"};
  form["enterpriseName"] = std::int64_t{1};
  form["businessScope"] = std::string{""};
  form["uscc"] = std::string{"91350100M000100Y44"};
  form["address.detail"] = Null{};
  const auto errors = validateForm(form, SaveMode::kSave, kToday);
  CHECK(fieldsOf(errors) ==
        std::vector<std::string>{"enterpriseName", "address.detail", "uscc", "businessScope", "contact.email"});
}

TEST_CASE("wrong JSON types are invalid_type") {
  for (const auto& f : fields()) {
    INFO(f.name);
    const std::string name{f.name};
    CHECK(codeFor(name, true) == code::kInvalidType);
    CHECK(codeFor(name, false) == code::kInvalidType);
    const bool numeric = f.type == FieldType::kDecimal || f.type == FieldType::kInteger;
    if (numeric) {
      CHECK(codeFor(name, std::string{"5"}) == code::kInvalidType);
    } else {
      CHECK(codeFor(name, std::int64_t{5}) == code::kInvalidType);
      CHECK(codeFor(name, 5.5) == code::kInvalidType);
    }
  }
  CHECK(onlyError(with(validForm(), "employeeCount", std::string{"50"})).message == "从业人数（人）应为整数");
  CHECK(onlyError(with(validForm(), "registeredCapital", true)).message == "注册资本（万元）应为数字");
  CHECK(onlyError(with(validForm(), "enterpriseName", std::int64_t{1})).message == "企业名称应为字符串");
}

TEST_CASE("text lengths count Unicode code points") {
  CHECK(codeFor("enterpriseName", std::string{"甲"}).empty());
  CHECK(codeFor("enterpriseName", repeat("甲", 100)).empty());  // 300 bytes, 100 characters
  CHECK(codeFor("enterpriseName", repeat("a", 100)).empty());
  CHECK(codeFor("enterpriseName", repeat("甲", 101)) == code::kTooLong);
  CHECK(codeFor("enterpriseName", repeat("a", 101)) == code::kTooLong);
  CHECK(codeFor("enterpriseName", repeat("😀", 100)).empty());  // 4-byte characters
  CHECK(codeFor("enterpriseName", repeat("😀", 101)) == code::kTooLong);
  CHECK(onlyError(with(validForm(), "enterpriseName", repeat("甲", 101))).message == "企业名称不能超过100个字符");
  CHECK(codeFor("address.city", repeat("市", 50)).empty());
  CHECK(codeFor("address.city", repeat("市", 51)) == code::kTooLong);
  CHECK(codeFor("address.district", repeat("区", 51)) == code::kTooLong);
  CHECK(codeFor("address.detail", repeat("路", 200)).empty());
  CHECK(codeFor("address.detail", repeat("路", 201)) == code::kTooLong);
  CHECK(codeFor("legalRepresentative", repeat("张", 51)) == code::kTooLong);
  CHECK(codeFor("businessScope", repeat("营", 2000)).empty());
  CHECK(codeFor("businessScope", repeat("营", 2001)) == code::kTooLong);
  CHECK(codeFor("contact.name", repeat("李", 51)) == code::kTooLong);
  CHECK(codeFor("contact.position", repeat("职", 50)).empty());
  CHECK(codeFor("contact.position", repeat("职", 51)) == code::kTooLong);
}

TEST_CASE("empty and whitespace-only text counts as empty") {
  for (std::string blank : {"", " ", "   ", "\t\n", "\xE3\x80\x80", " \xC2\xA0 "}) {
    INFO("[" << blank << "]");
    for (auto mode : {SaveMode::kDraft, SaveMode::kSave}) {
      const auto errors = validateForm(with(validForm(), "enterpriseName", blank), mode, kToday);
      REQUIRE(errors.size() == 1);
      CHECK(errors[0] == FieldError{"enterpriseName", code::kTooShort, "企业名称不能为空"});
    }
  }
  // Surrounding spaces are kept and counted, inner text makes it non-blank.
  CHECK(codeFor("enterpriseName", std::string{" 甲 "}).empty());
  CHECK(codeFor("businessScope", std::string{"\xE3\x80\x80"
                                             "甲"})
            .empty());
}

TEST_CASE("enum members must be one of the options") {
  CHECK(codeFor("enterpriseNature", std::string{"STATE_OWNED"}).empty());
  CHECK(codeFor("enterpriseNature", std::string{"HMT_INVESTED"}).empty());
  CHECK(codeFor("enterpriseNature", std::string{"state_owned"}) == code::kNotAllowed);
  CHECK(codeFor("enterpriseNature", std::string{"国有企业"}) == code::kNotAllowed);
  CHECK(codeFor("enterpriseCategory", std::string{"MANUFACTURER"}).empty());
  CHECK(codeFor("enterpriseCategory", std::string{"BOTH"}) == code::kNotAllowed);
  CHECK(codeFor("enterpriseScale", std::string{"MICRO"}).empty());
  CHECK(codeFor("enterpriseScale", std::string{""}) == code::kNotAllowed);
  CHECK(codeFor("address.provinceCode", std::string{"110000"}).empty());
  CHECK(codeFor("address.provinceCode", std::string{"650000"}).empty());
  CHECK(codeFor("address.provinceCode", std::string{"710000"}) == code::kNotAllowed);  // 台湾: not in the 31
  CHECK(codeFor("address.provinceCode", std::string{"350100"}) == code::kNotAllowed);
  for (const auto& p : provinces()) CHECK(codeFor("address.provinceCode", std::string{p.code}).empty());
  CHECK(onlyError(with(validForm(), "enterpriseScale", std::string{"HUGE"})).message == "企业规模不在可选范围内");
}

TEST_CASE("decimals: numbers >= 0 with at most two decimals") {
  for (const auto* name : {"registeredCapital", "businessArea"}) {
    INFO(name);
    CHECK(codeFor(name, std::int64_t{0}).empty());
    CHECK(codeFor(name, 0.0).empty());
    CHECK(codeFor(name, -0.0).empty());
    CHECK(codeFor(name, 0.01).empty());
    CHECK(codeFor(name, 0.1).empty());
    CHECK(codeFor(name, 0.29).empty());
    CHECK(codeFor(name, 12.34).empty());
    CHECK(codeFor(name, 1234567.89).empty());
    CHECK(codeFor(name, 99999999999.99).empty());
    CHECK(codeFor(name, 1e12).empty());
    CHECK(codeFor(name, std::int64_t{1'000'000'000'000}).empty());
    CHECK(codeFor(name, 12.345) == code::kTooManyDecimals);
    CHECK(codeFor(name, 0.001) == code::kTooManyDecimals);
    CHECK(codeFor(name, 1.005) == code::kTooManyDecimals);
    CHECK(codeFor(name, 12345678.123) == code::kTooManyDecimals);
    CHECK(codeFor(name, 999999999999.001) == code::kTooManyDecimals);
    CHECK(codeFor(name, 1e-9) == code::kTooManyDecimals);
    CHECK(codeFor(name, -0.01) == code::kOutOfRange);
    CHECK(codeFor(name, std::int64_t{-1}) == code::kOutOfRange);
    CHECK(codeFor(name, 1e12 + 1) == code::kOutOfRange);
    CHECK(codeFor(name, std::int64_t{1'000'000'000'001}) == code::kOutOfRange);
    CHECK(codeFor(name, std::numeric_limits<std::int64_t>::max()) == code::kOutOfRange);
    CHECK(codeFor(name, 1e300) == code::kOutOfRange);
    CHECK(codeFor(name, std::numeric_limits<double>::quiet_NaN()) == code::kInvalidType);
    CHECK(codeFor(name, std::numeric_limits<double>::infinity()) == code::kInvalidType);
    CHECK(codeFor(name, -std::numeric_limits<double>::infinity()) == code::kInvalidType);
  }
  // Every two-decimal amount from 0.00 to 100.00 parsed as a double is accepted, every third
  // decimal refused.
  for (int cents = 0; cents <= 10000; ++cents) {
    const double x =
        std::stod(std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + std::to_string(cents % 100));
    if (!validateForm({{"businessArea", x}}, SaveMode::kDraft, kToday).empty()) FAIL("refused " << x);
    const double y = std::stod(std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") +
                               std::to_string(cents % 100) + "7");
    if (validateForm({{"businessArea", y}}, SaveMode::kDraft, kToday).empty()) FAIL("accepted " << y);
  }
  CHECK(onlyError(with(validForm(), "businessArea", 1.234)).message == "营业面积（㎡）最多保留两位小数");
  CHECK(onlyError(with(validForm(), "businessArea", -1.0)).message == "营业面积（㎡）不能小于0");
}

TEST_CASE("integers: int64 only, with minimums") {
  CHECK(
      codeFor("employeeCount", std::int64_t{1}, with(validForm(), "usedCarExportStaffCount", std::int64_t{0})).empty());
  CHECK(codeFor("employeeCount", std::int64_t{0}) == code::kOutOfRange);
  CHECK(codeFor("employeeCount", std::int64_t{-3}) == code::kOutOfRange);
  CHECK(codeFor("employeeCount", 3.0) == code::kInvalidType);
  CHECK(codeFor("employeeCount", 3.5) == code::kInvalidType);
  CHECK(codeFor("employeeCount", std::int64_t{2'147'483'647}).empty());
  CHECK(codeFor("employeeCount", std::int64_t{2'147'483'648}) == code::kOutOfRange);
  CHECK(codeFor("usedCarExportStaffCount", std::int64_t{0}).empty());
  CHECK(codeFor("usedCarExportStaffCount", std::int64_t{-1}) == code::kOutOfRange);
  CHECK(codeFor("usedCarExportStaffCount", 1.0) == code::kInvalidType);
  CHECK(onlyError(with(validForm(), "employeeCount", std::int64_t{0})).message == "从业人数（人）不能小于1");
}

TEST_CASE("dates must be real YYYY-MM-DD dates") {
  const auto base = with(with(validForm(), "establishedOn", std::string{"2000-01-01"}), "businessTerm.from",
                         std::string{"2000-01-01"});
  for (const auto* name : {"establishedOn", "businessTerm.from", "businessTerm.to"}) {
    INFO(name);
    CHECK(codeFor(name, std::string{"2015-02-28"}, base).empty());
    CHECK(codeFor(name, std::string{"2016-02-29"}, base).empty());
    CHECK(codeFor(name, std::string{"2015-02-29"}, base) == code::kInvalidFormat);
    CHECK(codeFor(name, std::string{"2015/02/28"}, base) == code::kInvalidFormat);
    CHECK(codeFor(name, std::string{"2015-2-28"}, base) == code::kInvalidFormat);
    CHECK(codeFor(name, std::string{"2015-04-31"}, base) == code::kInvalidFormat);
    CHECK(codeFor(name, std::string{"2015-06-18T00:00:00"}, base) == code::kInvalidFormat);
    CHECK(codeFor(name, std::string{""}, base) == code::kInvalidFormat);
  }
  CHECK(onlyError(with(validForm(), "establishedOn", std::string{"x"})).message ==
        "成立日期格式不正确，应为有效日期（YYYY-MM-DD）");
}

TEST_CASE("USCC is checked per GB 32100-2015") {
  CHECK(codeFor("uscc", std::string{"91110000600037341L"}).empty());
  CHECK(codeFor("uscc", std::string{"91350100M000100Y44"}) == code::kInvalidChecksum);
  CHECK(codeFor("uscc", std::string{"91350100M000100Y4"}) == code::kInvalidFormat);
  CHECK(codeFor("uscc", std::string{"9135010OM000100Y43"}) == code::kInvalidFormat);
  CHECK(codeFor("uscc", std::string{"91A50100M000100Y43"}) == code::kInvalidFormat);
  CHECK(codeFor("uscc", std::string{"91350100m000100y43"}) == code::kInvalidFormat);
  CHECK(onlyError(with(validForm(), "uscc", std::string{"91350100M000100Y44"})).message ==
        "统一社会信用代码校验位不正确");
  CHECK(onlyError(with(validForm(), "uscc", std::string{"123"})).message == "统一社会信用代码格式不正确");
}

TEST_CASE("customs code: ten digits or upper-case letters") {
  CHECK(codeFor("customsCode", std::string{"3501960ABC"}).empty());
  CHECK(codeFor("customsCode", std::string{"0123456789"}).empty());
  CHECK(codeFor("customsCode", std::string{"ABCDEFGHIJ"}).empty());
  CHECK(codeFor("customsCode", std::string{"3501960abc"}) == code::kInvalidFormat);
  CHECK(codeFor("customsCode", std::string{"3501960AB"}) == code::kInvalidFormat);
  CHECK(codeFor("customsCode", std::string{"3501960ABCD"}) == code::kInvalidFormat);
  CHECK(codeFor("customsCode", std::string{"3501960-BC"}) == code::kInvalidFormat);
  CHECK(codeFor("customsCode", std::string{"3501960 BC"}) == code::kInvalidFormat);
  CHECK(codeFor("customsCode", std::string{"３501960ABC"}) == code::kInvalidFormat);
}

TEST_CASE("mobile: ^1[3-9]\\d{9}$") {
  for (std::string ok : {"13800138000", "19912345678", "15000000000", "17712345678"})
    CHECK(codeFor("contact.mobile", ok).empty());
  for (std::string bad : {"12800138000", "10800138000", "23800138000", "1380013800", "138001380000", "1380013800a",
                          "+8613800138000", "138 0013 800", "", "１3800138000", "13800138000\n"}) {
    INFO(bad);
    CHECK(codeFor("contact.mobile", bad) == code::kInvalidFormat);
  }
  CHECK(onlyError(with(validForm(), "contact.mobile", std::string{"123"})).message == "手机格式不正确");
}

TEST_CASE("email: a real address shape") {
  for (std::string ok : {"a@b.cn", "li.si@example.com.cn", "first+tag@mail.example.org", "x_y-z@sub-domain.example.io",
                         "A.B@EXAMPLE.COM", "user@123.example.com", "o'brien@example.ie"}) {
    INFO(ok);
    CHECK(codeFor("contact.email", ok).empty());
  }
  for (std::string bad : {"",
                          "plain",
                          "@example.com",
                          "user@",
                          "user@example",
                          "user@example.c",
                          "user@example.c0m",
                          "user@@example.com",
                          "a@b@example.com",
                          "user name@example.com",
                          "user@exa mple.com",
                          " user@example.com",
                          "user@example.com ",
                          ".user@example.com",
                          "user.@example.com",
                          "us..er@example.com",
                          "user@-example.com",
                          "user@example-.com",
                          "user@example..com",
                          "user@.example.com",
                          "user@example.com.",
                          "user@exa_mple.com",
                          "用户@example.com",
                          "user@例子.中国",
                          "user@example.123",
                          "\"quoted\"@example.com",
                          "user@[127.0.0.1]"}) {
    INFO(bad);
    CHECK(codeFor("contact.email", bad) == code::kInvalidFormat);
  }
  CHECK(codeFor("contact.email", repeat("a", 64) + "@" + repeat("b", 32) + ".cn").empty());  // 100 characters
  CHECK(codeFor("contact.email", repeat("a", 64) + "@" + repeat("b", 33) + ".cn") == code::kTooLong);
  CHECK(codeFor("contact.email", repeat("a", 65) + "@example.cn") == code::kInvalidFormat);
  CHECK(onlyError(with(validForm(), "contact.email", std::string{"bad"})).message == "邮箱格式不正确");
}

TEST_CASE("usedCarExportStaffCount may not exceed employeeCount") {
  auto form = with(validForm(), "usedCarExportStaffCount", std::int64_t{50});
  CHECK(validateForm(form, SaveMode::kSave, kToday).empty());
  form = with(validForm(), "usedCarExportStaffCount", std::int64_t{51});
  CHECK(onlyError(form) ==
        FieldError{"usedCarExportStaffCount", code::kOutOfRange, "二手车出口从业人员数量（人）不能大于从业人数（人）"});
  // Only when both are present and individually valid.
  CHECK(onlyError(with(form, "employeeCount", std::int64_t{0})).field == "employeeCount");
  CHECK(onlyError(with(form, "employeeCount", 60.0)).field == "employeeCount");
  CHECK(validateForm({{"usedCarExportStaffCount", std::int64_t{51}}}, SaveMode::kDraft, kToday).empty());
  CHECK(validateForm({{"usedCarExportStaffCount", std::int64_t{9}}, {"employeeCount", std::int64_t{8}}},
                     SaveMode::kDraft, kToday)
            .size() == 1);
}

TEST_CASE("establishedOn may not be after today") {
  CHECK(codeFor("establishedOn", std::string{"2026-03-01"}).empty());
  CHECK(codeFor("establishedOn", std::string{"2026-03-02"}) == code::kFutureDate);
  CHECK(codeFor("establishedOn", std::string{"2027-01-01"}) == code::kFutureDate);
  CHECK(onlyError(with(validForm(), "establishedOn", std::string{"2026-03-02"})).message == "成立日期不能晚于今天");
  // The same form is fine a day later.
  CHECK(validateForm(with(validForm(), "establishedOn", std::string{"2026-03-02"}), SaveMode::kSave, {2026, 3, 2})
            .empty());
}

TEST_CASE("businessTerm.from must not be after businessTerm.to") {
  auto form = with(validForm(), "businessTerm.to", std::string{"2015-06-18"});
  CHECK(validateForm(form, SaveMode::kSave, kToday).empty());  // same day is fine
  form = with(validForm(), "businessTerm.to", std::string{"2015-06-17"});
  CHECK(onlyError(form) == FieldError{"businessTerm.to", code::kDateOrder, "营业期限（止）不能早于营业期限（起）"});
  // Not when one side is missing, null or invalid.
  CHECK(validateForm(with(form, "businessTerm.to", Null{}), SaveMode::kSave, kToday).empty());
  CHECK(onlyError(without(form, "businessTerm.from")).code == code::kRequired);
  CHECK(onlyError(with(form, "businessTerm.from", std::string{"2015-13-01"})).field == "businessTerm.from");
  CHECK(validateForm({{"businessTerm.to", std::string{"2000-01-01"}}}, SaveMode::kDraft, kToday).empty());
  // The future is fine for the business term.
  CHECK(
      validateForm(with(validForm(), "businessTerm.from", std::string{"2030-01-01"}), SaveMode::kSave, kToday).empty());
}

TEST_CASE("null is a value only for businessTerm.to") {
  CHECK_FALSE(checkFieldValue(*findField("businessTerm.to"), Null{}).has_value());
  CHECK(checkFieldValue(*findField("businessTerm.from"), Null{})->code == code::kInvalidType);
  CHECK(onlyError(with(validForm(), "businessTerm.from", Null{})).code == code::kRequired);
}

TEST_CASE("members the form does not have are refused") {
  const auto errors = validateForm(with(validForm(), "address.zip", std::string{"350001"}), SaveMode::kDraft, kToday);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].field == "address.zip");
  CHECK(errors[0].code == code::kUnknownField);
  // They come after the known fields.
  auto form = with(with(validForm(), "aaa", std::int64_t{1}), "enterpriseName", std::string{});
  CHECK(fieldsOf(validateForm(form, SaveMode::kSave, kToday)) == std::vector<std::string>{"enterpriseName", "aaa"});
}

TEST_CASE("missing attachments follow the category") {
  const auto manufacturer = with(validForm(), "enterpriseCategory", std::string{"MANUFACTURER"});
  const auto distributor = validForm();

  const auto none = missingAttachments(manufacturer, {});
  CHECK(none.size() == 10);
  CHECK(missingAttachments(distributor, {}).size() == 13);
  for (const auto& e : none) CHECK(e.code == code::kMissingAttachment);
  CHECK(none.front() == FieldError{"attachments.license_original", code::kMissingAttachment, "请上传营业执照正本影像"});
  CHECK(none.back().field == "attachments.vehicle_announcement_proof");

  CHECK(missingAttachments(manufacturer, allSlotsOf(EnterpriseCategory::kManufacturer)).empty());
  CHECK(missingAttachments(distributor, allSlotsOf(EnterpriseCategory::kDistributor)).empty());
  // A distributor's full set lacks the manufacturer's announcement proof.
  const auto wrong = missingAttachments(manufacturer, allSlotsOf(EnterpriseCategory::kDistributor));
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0] == FieldError{"attachments.vehicle_announcement_proof", code::kMissingAttachment,
                               "请上传《道路车辆生产企业及产品公告》证明"});

  auto filled = allSlotsOf(EnterpriseCategory::kDistributor);
  filled.erase("official_seal");
  filled.erase("financial_status_proof");
  CHECK(fieldsOf(missingAttachments(distributor, filled)) ==
        std::vector<std::string>{"attachments.official_seal", "attachments.financial_status_proof"});

  // Without a valid category every slot some category uses is listed at once, the one-category
  // ones naming their category; filled slots are not.
  for (const auto& form :
       {without(validForm(), "enterpriseCategory"), with(validForm(), "enterpriseCategory", std::string{"X"}),
        with(validForm(), "enterpriseCategory", std::int64_t{1})}) {
    const auto all = missingAttachments(form, {});
    REQUIRE(all.size() == 14);
    CHECK(all.front() ==
          FieldError{"attachments.license_original", code::kMissingAttachment, "请上传营业执照正本影像"});
    CHECK(all[9] == FieldError{"attachments.vehicle_announcement_proof", code::kMissingAttachment,
                               "请上传《道路车辆生产企业及产品公告》证明（生产企业）"});
    CHECK(all.back() ==
          FieldError{"attachments.financial_status_proof", code::kMissingAttachment, "请上传财务状况证明（流通企业）"});
    CHECK(missingAttachments(form, {"license_original", "premises_proof"}).size() == 12);
  }
}

TEST_CASE("categoryOf reads enterpriseCategory") {
  CHECK(categoryOf(validForm()) == EnterpriseCategory::kDistributor);
  CHECK(categoryOf(with(validForm(), "enterpriseCategory", std::string{"MANUFACTURER"})) ==
        EnterpriseCategory::kManufacturer);
  CHECK_FALSE(categoryOf({}).has_value());
  CHECK_FALSE(categoryOf(with(validForm(), "enterpriseCategory", Null{})).has_value());
}

TEST_CASE("isComplete needs a valid form and every slot of the category") {
  const auto all = allSlotsOf(EnterpriseCategory::kDistributor);
  CHECK(isComplete(validForm(), all, kToday));
  CHECK_FALSE(isComplete(validForm(), {}, kToday));
  CHECK_FALSE(isComplete(without(validForm(), "contact.email"), all, kToday));
  CHECK_FALSE(isComplete(with(validForm(), "establishedOn", std::string{"2026-03-02"}), all, kToday));
  CHECK(isComplete(with(validForm(), "establishedOn", std::string{"2026-03-02"}), all, {2026, 3, 2}));
  // Extra filled slots do not hurt.
  auto more = all;
  more.emplace("vehicle_announcement_proof");
  CHECK(isComplete(validForm(), more, kToday));
}

TEST_CASE("slotAllowedFor refuses slots the category does not use") {
  const auto manufacturer = with(validForm(), "enterpriseCategory", std::string{"MANUFACTURER"});
  const auto distributor = validForm();
  for (const auto& s : slots()) {
    INFO(s.slot);
    CHECK(slotAllowedFor(manufacturer, s.slot) == s.forManufacturer);
    CHECK(slotAllowedFor(distributor, s.slot) == s.forDistributor);
    CHECK(slotAllowedFor({}, s.slot));
    CHECK(slotAllowedFor(with(validForm(), "enterpriseCategory", std::string{"?"}), s.slot));
  }
  CHECK_FALSE(slotAllowedFor(distributor, "vehicle_announcement_proof"));
  CHECK_FALSE(slotAllowedFor(manufacturer, "premises_proof"));
  CHECK_FALSE(slotAllowedFor({}, "no_such_slot"));
  CHECK_FALSE(slotAllowedFor(manufacturer, ""));
}

// The detail and the lists compute `complete` on every read with isComplete(Application), which
// checks the attachments map directly and the slots before the form; it must give exactly the
// answer of the full validation: validateForm(kSubmit) and missingAttachments both empty.
TEST_CASE("isComplete agrees with the full validation for complete, incomplete and date-expired forms") {
  const auto fullAnswer = [](const FormData& form, const FilledSlots& filled, CalendarDate today) {
    return validateForm(form, SaveMode::kSubmit, today).empty() && missingAttachments(form, filled).empty();
  };
  const auto manufacturer = with(validForm(), "enterpriseCategory", std::string{"MANUFACTURER"});
  const std::pair<const char*, FormData> forms[] = {
      {"complete distributor", validForm()},
      {"complete manufacturer", manufacturer},
      {"a required member missing", without(validForm(), "contact.email")},
      {"a member invalid", with(validForm(), "contact.email", std::string{"not-an-email"})},
      {"no category", without(validForm(), "enterpriseCategory")},
      {"an unknown member", with(validForm(), "surplus", std::string{"x"})},
      {"established after today", with(validForm(), "establishedOn", std::string{"2026-03-02"})},
      {"established today", with(validForm(), "establishedOn", std::string{"2026-03-01"})},
  };
  const std::pair<const char*, FilledSlots> fillings[] = {
      {"none", {}},
      {"the distributor's", allSlotsOf(EnterpriseCategory::kDistributor)},
      {"the manufacturer's", allSlotsOf(EnterpriseCategory::kManufacturer)},
      {"every slot",
       [] {
         FilledSlots all;
         for (const auto& s : slots()) all.emplace(s.slot);
         return all;
       }()},
  };
  const CalendarDate days[] = {{2026, 2, 28}, kToday, {2026, 3, 2}};
  int completeCount = 0;
  for (const auto& [formName, form] : forms) {
    for (const auto& [fillingName, filled] : fillings) {
      Application a;
      a.form = form;
      for (const auto& slot : filled) a.attachments.emplace(slot, Attachment{});
      for (const auto day : days) {
        CAPTURE(formName, fillingName, toIsoString(day));
        const bool expected = fullAnswer(form, filled, day);
        CHECK(isComplete(a, day) == expected);
        CHECK(isComplete(form, filled, day) == expected);
        completeCount += expected ? 1 : 0;
      }
    }
  }
  CHECK(completeCount > 0);  // the cases hold complete forms too, not only refusals
}
