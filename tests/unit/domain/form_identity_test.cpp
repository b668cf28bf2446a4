#include <catch2/catch.hpp>

#include <string>

#include "plugin/domain/form_identity.hpp"

using namespace ucf::domain;

namespace {
constexpr std::string_view kPrincipal = "91350100M000100Y43";
}  // namespace

TEST_CASE("a form may leave the USCC out or repeat the principal's") {
  CHECK(checkUsccOwnership({}, kPrincipal).empty());
  CHECK(checkUsccOwnership({{"enterpriseName", std::string{"甲"}}}, kPrincipal).empty());
  CHECK(checkUsccOwnership({{"uscc", Null{}}}, kPrincipal).empty());
  CHECK(checkUsccOwnership({{"uscc", std::string{kPrincipal}}}, kPrincipal).empty());
}

TEST_CASE("any other USCC is a mismatch") {
  const FieldError expected{"uscc", field_code::kMismatch, "统一社会信用代码须与登录企业一致，不可修改"};
  for (FieldValue other :
       {FieldValue{std::string{"91110000600037341L"}}, FieldValue{std::string{""}},
        FieldValue{std::string{"91350100m000100y43"}}, FieldValue{std::string{" 91350100M000100Y43"}},
        FieldValue{std::int64_t{91350100}}, FieldValue{true}, FieldValue{1.5}}) {
    const auto errors = checkUsccOwnership({{"uscc", other}}, kPrincipal);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == expected);
  }
}

TEST_CASE("stampIdentity sets the principal's USCC") {
  FormData form;
  stampIdentity(form, kPrincipal);
  CHECK(stringOf(form, "uscc") != nullptr);
  CHECK(*stringOf(form, "uscc") == kPrincipal);

  form = {{"uscc", Null{}}, {"enterpriseName", std::string{"甲"}}};
  stampIdentity(form, kPrincipal);
  CHECK(*stringOf(form, "uscc") == kPrincipal);
  CHECK(*stringOf(form, "enterpriseName") == "甲");
  CHECK(form.size() == 2);

  form = {{"uscc", std::string{"91110000600037341L"}}};
  stampIdentity(form, kPrincipal);
  CHECK(*stringOf(form, "uscc") == kPrincipal);
  CHECK(checkUsccOwnership(form, kPrincipal).empty());
}
