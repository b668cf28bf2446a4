// libFuzzer property test of the status machine: a random sequence of actions by random actors
// on random days never performs a transition docs/PRODUCT.md does not allow. After each successful
// action the row status must be one the action may lead to, and refused actions change nothing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "plugin/domain/filing_lifecycle.hpp"
#include "plugin/domain/form_validation.hpp"

namespace {

using namespace ucf::domain;

FormData completeForm() {
  return {{"enterpriseName", std::string("福建测试")},
          {"address.provinceCode", std::string("350000")},
          {"address.city", std::string("福州市")},
          {"address.district", std::string("鼓楼区")},
          {"address.detail", std::string("五四路")},
          {"uscc", std::string("91350100M000100Y43")},
          {"customsCode", std::string("3501234567")},
          {"enterpriseNature", std::string("PRIVATE")},
          {"enterpriseCategory", std::string("DISTRIBUTOR")},
          {"legalRepresentative", std::string("李四")},
          {"registeredCapital", std::int64_t{100}},
          {"businessArea", std::int64_t{100}},
          {"enterpriseScale", std::string("SMALL")},
          {"employeeCount", std::int64_t{10}},
          {"usedCarExportStaffCount", std::int64_t{2}},
          {"establishedOn", std::string("2015-01-01")},
          {"businessTerm.from", std::string("2015-01-01")},
          {"businessTerm.to", Null{}},
          {"businessScope", std::string("二手车")},
          {"contact.name", std::string("王五")},
          {"contact.position", std::string("经理")},
          {"contact.mobile", std::string("13912345678")},
          {"contact.email", std::string("a@example.com")}};
}

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Instant now{};
  CalendarDate today{2026, 3, 1};
  Filing f = newFiling("91350100M000100Y43", completeForm(), now);
  for (std::size_t i = 0; i + 1 < size; i += 2) {
    const std::uint8_t op = data[i] % 12, arg = data[i + 1];
    if (arg % 7 == 0) today = addDays(today, arg);  // time passes, sometimes past validUntil
    const Filing before = f;
    const FilingStatus from = rowStatus(f, today);
    bool ok = false;
    FilingStatus expectedTo = from;
    switch (op) {
      case 0: ok = editOpen(f, completeForm(), now, today).ok(); expectedTo = FilingStatus::kPendingSubmit; break;
      case 1: ok = submitOpen(f, now, today).ok(); expectedTo = FilingStatus::kPendingReview; break;
      case 2: ok = deleteOpen(f, now, today).ok(); expectedTo = rowStatus(f, today); break;
      case 3: ok = startChange(f, completeForm(), now, today).ok(); expectedTo = FilingStatus::kPendingSubmit; break;
      case 4:
      case 5:
      case 6: {
        ReviewAct act{{std::to_string(arg % 3), "a", "a"}, (arg & 1) != 0, (arg & 2) != 0,
                      op == 6 ? ReviewDecision::kReject : ReviewDecision::kApprove, arg & 4 ? "意见" : "", {}};
        ok = decide(f, act, now, today).ok();
        expectedTo = rowStatus(f, today);
        if (ok) check(from == FilingStatus::kPendingReview);
        if (ok && op == 6) check(expectedTo == FilingStatus::kRejected);
        break;
      }
      case 7: ok = revoke(f, arg & 1 ? "理由" : "", now, today).ok(); expectedTo = FilingStatus::kVoid; break;
      case 8: lapseIfDue(f, now, today); ok = true; expectedTo = rowStatus(f, today); break;
      case 9: supersede(f, now, today); ok = true; expectedTo = rowStatus(f, today); break;
      case 10: {
        Attachment a{"license_copy", "a.png", "image/png", 1, "00", now, 1};
        ok = putAttachment(f, a, today).ok();
        expectedTo = FilingStatus::kPendingSubmit;
        break;
      }
      case 11: ok = removeAttachment(f, "license_copy", now, today).ok(); expectedTo = FilingStatus::kPendingSubmit; break;
    }
    if (!ok) {
      check(f == before);  // a refused action changes nothing
      continue;
    }
    const FilingStatus to = rowStatus(f, today);
    if (op != 2 || !f.deleted) check(to == expectedTo);
    // Statuses never come back from VOID or LAPSED.
    if (from == FilingStatus::kVoid || from == FilingStatus::kLapsed) check(to == from || f == before);
    // Edits and submits only from the editable statuses.
    if (op == 0 || op == 1 || op == 10 || op == 11) {
      check(from == FilingStatus::kPendingSubmit || from == FilingStatus::kRejected);
    }
    // Changes only on a filing in force without an open application.
    if (op == 3) check(from == FilingStatus::kApproved);
    // A deleted 新增 is gone; nothing else happens to it.
    if (f.deleted) break;
  }
  return 0;
}
