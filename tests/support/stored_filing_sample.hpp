#pragma once
// A filing that sets every part of the aggregate, with hostile strings and extreme numbers: what
// the storage codec tests write and read (and the golden files under tests/fixtures/storage/
// hold). Header-only; change it and the golden files change with it.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "adapters/persistence/filing_codec.hpp"
#include "plugin/domain/filing.hpp"

namespace ucf::test {

inline domain::Instant sampleInstant(std::int64_t millis) { return adapters::fromEpochMillis(millis); }

// Quotes, backslashes, every kind of control character, a NUL, multi-byte UTF-8 and a 4-byte emoji.
inline std::string hostileText(std::string_view tag) {
  std::string s = std::string(tag) + " \"引号\" \\反斜杠\\ /斜杠/ \n换行\r\t\b\f 🚗 ";
  s.push_back('\0');
  s += "\x01\x1f end";
  return s;
}

inline domain::Application sampleApplication(std::int64_t number, std::string_view tag) {
  using namespace domain;
  Application a;
  a.number = number;
  a.type = number == 1 ? ApplicationType::kNew : ApplicationType::kChange;
  a.status = ApplicationStatus::kPendingReview;
  a.stage = ReviewStage::kRecheck;
  a.form["enterpriseName"] = hostileText(tag);
  a.form["address.detail"] = std::string("象屿路99号");
  a.form["registeredCapital"] = 12000.5;
  a.form["businessArea"] = 0.1;
  // Boost.JSON 1.81 alone reads this back one unit in the last place off (2.2222222222222225e64).
  a.form["address.city"] = 2.2222222222222222e64;
  a.form["employeeCount"] = std::numeric_limits<std::int64_t>::max();
  a.form["usedCarExportStaffCount"] = std::numeric_limits<std::int64_t>::min();
  a.form["businessTerm.longTerm"] = true;
  a.form["businessTerm.to"] = Null{};
  a.form["customsCode"] = std::string();
  a.attachments["license_copy"] = {"license_copy",       hostileText("file") + ".png",     "image/png", 123456,
                                   std::string(64, 'a'), sampleInstant(1'764'000'000'123), 42};
  Review r;
  r.stage = ReviewStage::kFirstReview;
  r.decision = ReviewDecision::kReject;
  r.opinion = hostileText("opinion");
  r.fieldNotes = {{"contact.mobile", hostileText("note")}, {"enterpriseName", ""}};
  r.reviewer = {"u-1", "rev\"1", hostileText("name")};
  r.at = sampleInstant(1'764'000'100'999);
  a.reviews.push_back(r);
  a.savedAt = sampleInstant(1'764'000'000'000);
  a.submittedAt = sampleInstant(1'764'000'050'001);
  return a;
}

/// Every member of the aggregate set (but for the ones only columns hold: id, version, filer…).
inline domain::Filing sampleStoredFiling() {
  using namespace domain;
  Filing f;
  f.uscc = "91350100M000100Y43";
  f.approved =
      ApprovedState{sampleApplication(1, "approved"), sampleInstant(1'764'000'200'000), CalendarDate{2027, 2, 28}};
  f.approved->application.status = ApplicationStatus::kApproved;
  f.approved->application.stage.reset();
  f.approved->application.approvedAt = sampleInstant(1'764'000'200'000);
  f.open = sampleApplication(2, "open");
  f.closed = {sampleApplication(3, "closed"), sampleApplication(4, "closed again")};
  f.closed[1].submittedAt.reset();
  f.lapsed = LapseReason::kSuperseded;
  f.voidReason = hostileText("void");
  f.createdAt = sampleInstant(1'700'000'000'000);
  return f;
}

}  // namespace ucf::test
