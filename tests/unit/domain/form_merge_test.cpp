#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include "plugin/domain/form_merge.hpp"

using namespace ucf::domain;

namespace {

FormData stored() {
  return {
      {"enterpriseName", std::string{"甲公司"}},
      {"address.provinceCode", std::string{"350000"}},
      {"address.city", std::string{"福州市"}},
      {"address.district", std::string{"鼓楼区"}},
      {"address.detail", std::string{"五四路100号"}},
      {"registeredCapital", 1000.5},
      {"employeeCount", std::int64_t{50}},
      {"businessTerm.from", std::string{"2015-06-18"}},
      {"businessTerm.to", std::string{"2035-06-17"}},
      {"contact.mobile", std::string{"13800138000"}},
  };
}

std::vector<std::string> namesOf(const std::vector<FieldChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(c.field);
  return out;
}

}  // namespace

TEST_CASE("members present replace, absent keep") {
  const auto merged =
      mergeForm(stored(), {{"enterpriseName", std::string{"乙公司"}}, {"employeeCount", std::int64_t{60}}});
  CHECK(merged.size() == stored().size());
  CHECK(*stringOf(merged, "enterpriseName") == "乙公司");
  CHECK(std::get<std::int64_t>(merged.at("employeeCount")) == 60);
  CHECK(*stringOf(merged, "address.city") == "福州市");
  CHECK(std::get<double>(merged.at("registeredCapital")) == 1000.5);
  CHECK(mergeForm(stored(), {}) == stored());
  CHECK(mergeForm({}, stored()) == stored());
}

TEST_CASE("nested objects merge member by member") {
  // The REST layer flattens {"address": {"city": "厦门市"}} to one dotted member.
  const auto merged = mergeForm(stored(), {{"address.city", std::string{"厦门市"}}});
  CHECK(*stringOf(merged, "address.city") == "厦门市");
  CHECK(*stringOf(merged, "address.provinceCode") == "350000");
  CHECK(*stringOf(merged, "address.district") == "鼓楼区");
  CHECK(*stringOf(merged, "address.detail") == "五四路100号");
}

TEST_CASE("null clears a member, except a nullable one where it is the value") {
  const auto merged = mergeForm(stored(), {{"contact.mobile", Null{}}, {"businessTerm.to", Null{}}});
  CHECK(merged.count("contact.mobile") == 0);
  REQUIRE(merged.count("businessTerm.to") == 1);
  CHECK(std::holds_alternative<Null>(merged.at("businessTerm.to")));
  // Null for a member that was not there leaves it absent.
  CHECK(mergeForm(stored(), {{"contact.email", Null{}}}) == stored());
  // A later date replaces 长期.
  const auto dated = mergeForm(merged, {{"businessTerm.to", std::string{"2040-01-01"}}});
  CHECK(*stringOf(dated, "businessTerm.to") == "2040-01-01");
}

TEST_CASE("wrong types are merged as they are, for validation to refuse") {
  const auto merged = mergeForm(stored(), {{"employeeCount", std::string{"many"}}, {"enterpriseName", true}});
  CHECK(*stringOf(merged, "employeeCount") == "many");
  CHECK(std::get<bool>(merged.at("enterpriseName")));
}

TEST_CASE("sameValue compares numbers numerically and other types exactly") {
  CHECK(sameValue(std::int64_t{5}, 5.0));
  CHECK(sameValue(5.0, std::int64_t{5}));
  CHECK(sameValue(std::int64_t{5}, std::int64_t{5}));
  CHECK(sameValue(1000.5, 1000.5));
  CHECK_FALSE(sameValue(std::int64_t{5}, 5.01));
  CHECK_FALSE(sameValue(std::int64_t{5}, std::string{"5"}));
  CHECK_FALSE(sameValue(std::int64_t{1}, true));
  CHECK_FALSE(sameValue(false, Null{}));
  CHECK(sameValue(Null{}, Null{}));
  CHECK(sameValue(std::string{"甲"}, std::string{"甲"}));
  CHECK_FALSE(sameValue(std::string{"甲"}, std::string{"乙"}));
  CHECK_FALSE(sameValue(std::string{""}, Null{}));
  // Large integers that a double cannot tell apart still differ.
  constexpr std::int64_t kBig = std::int64_t{1} << 60;
  CHECK_FALSE(sameValue(kBig, kBig + 1));
}

TEST_CASE("diffForms lists changed members in form order") {
  auto after = stored();
  after["contact.mobile"] = std::string{"13900139000"};
  after["enterpriseName"] = std::string{"乙公司"};
  after["registeredCapital"] = std::int64_t{2000};
  after.erase("address.detail");
  after["businessScope"] = std::string{"二手车销售"};
  after["businessTerm.to"] = Null{};
  const auto changes = diffForms(stored(), after);
  CHECK(namesOf(changes) == std::vector<std::string>{"enterpriseName", "address.detail", "registeredCapital",
                                                     "businessTerm.to", "businessScope", "contact.mobile"});
  CHECK(changes[0] ==
        FieldChange{"enterpriseName", FieldValue{std::string{"甲公司"}}, FieldValue{std::string{"乙公司"}}});
  CHECK(changes[1] == FieldChange{"address.detail", FieldValue{std::string{"五四路100号"}}, std::nullopt});
  CHECK(changes[2] == FieldChange{"registeredCapital", FieldValue{1000.5}, FieldValue{std::int64_t{2000}}});
  CHECK(changes[3] == FieldChange{"businessTerm.to", FieldValue{std::string{"2035-06-17"}}, FieldValue{Null{}}});
  CHECK(changes[4] == FieldChange{"businessScope", std::nullopt, FieldValue{std::string{"二手车销售"}}});
  CHECK(changedFieldNames(stored(), after) == namesOf(changes));
}

TEST_CASE("diffForms ignores numerically equal numbers and reports nothing for equal forms") {
  CHECK(diffForms(stored(), stored()).empty());
  CHECK(diffForms({}, {}).empty());
  auto after = stored();
  after["employeeCount"] = 50.0;
  after["registeredCapital"] = 1000.50;
  CHECK(diffForms(stored(), after).empty());
  CHECK(changedFieldNames(stored(), after).empty());
  // Null (长期) and absent differ.
  auto longTerm = stored();
  longTerm["businessTerm.to"] = Null{};
  auto noTerm = stored();
  noTerm.erase("businessTerm.to");
  const auto changes = diffForms(longTerm, noTerm);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0] == FieldChange{"businessTerm.to", FieldValue{Null{}}, std::nullopt});
}

TEST_CASE("diffForms from nothing lists every member, and unknown members last") {
  auto after = stored();
  after["zzz"] = std::int64_t{1};
  after["aaa"] = std::int64_t{2};
  const auto names = changedFieldNames({}, after);
  CHECK(names == std::vector<std::string>{"enterpriseName", "address.provinceCode", "address.city", "address.district",
                                          "address.detail", "registeredCapital", "employeeCount", "businessTerm.from",
                                          "businessTerm.to", "contact.mobile", "aaa", "zzz"});
  CHECK(changedFieldNames(after, {}) == names);
  // An unknown member on both sides with the same value is not a change; a different one is.
  auto before = after;
  before["zzz"] = std::int64_t{9};
  CHECK(changedFieldNames(before, after) == std::vector<std::string>{"zzz"});
}

TEST_CASE("merge then diff shows exactly the patch's effect") {
  const FormData patch{{"address.city", std::string{"厦门市"}},
                       {"contact.mobile", Null{}},
                       {"employeeCount", std::int64_t{50}},
                       {"enterpriseName", std::string{"甲公司"}}};
  const auto merged = mergeForm(stored(), patch);
  CHECK(changedFieldNames(stored(), merged) == std::vector<std::string>{"address.city", "contact.mobile"});
}
