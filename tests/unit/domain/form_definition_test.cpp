#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "plugin/domain/form_definition.hpp"

using namespace ucf::domain;

TEST_CASE("the form lists every field of docs/PRODUCT.md §3.1 and §3.3 once") {
  std::set<std::string_view> names;
  for (const auto& f : fields()) CHECK(names.insert(f.name).second);
  for (auto name : {"enterpriseName", "address.provinceCode", "address.city", "address.district", "address.detail",
                    "uscc", "customsCode", "enterpriseNature", "enterpriseCategory", "legalRepresentative",
                    "registeredCapital", "businessArea", "enterpriseScale", "employeeCount",
                    "usedCarExportStaffCount", "establishedOn", "businessTerm.from", "businessTerm.to",
                    "businessScope", "contact.name", "contact.position", "contact.mobile", "contact.email"}) {
    CHECK(names.count(name) == 1);
  }
  CHECK(names.size() == 23);
}

TEST_CASE("slots per category match docs/PRODUCT.md §3.2") {
  int manufacturer = 0, distributor = 0;
  for (const auto& s : slots()) {
    manufacturer += slotUsedBy(s, EnterpriseCategory::kManufacturer);
    distributor += slotUsedBy(s, EnterpriseCategory::kDistributor);
  }
  CHECK(manufacturer == 3 + 7);
  CHECK(distributor == 3 + 10);
  REQUIRE(findSlot("vehicle_announcement_proof"));
  CHECK_FALSE(slotUsedBy(*findSlot("vehicle_announcement_proof"), EnterpriseCategory::kDistributor));
  CHECK(findSlot("official_letter")->kind == SlotKind::kPdf);
  CHECK(maxBytesOf(SlotKind::kImage) == 307200);
  CHECK(maxBytesOf(SlotKind::kDocument) == 10485760);
  CHECK(findSlot("nope") == nullptr);
}

TEST_CASE("the 31 mainland provinces") {
  CHECK(provinces().size() == 31);
  REQUIRE(findProvince("350000"));
  CHECK(findProvince("350000")->name == "福建省");
  CHECK(findProvince("710000") == nullptr);  // Taiwan is not one of the 31 mainland codes
}
