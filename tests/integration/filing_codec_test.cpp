// The stored aggregate (ucf_filing.state) is written by the JSON writer and read back by
// Boost.JSON: every value a filing can hold must come back exactly, whatever characters or
// numbers the enterprise typed.
#include <catch2/catch.hpp>
#include <chrono>
#include <limits>
#include <string>

#include "adapters/persistence/filing_codec.hpp"

using namespace ucf::domain;
using ucf::adapters::decodeFiling;
using ucf::adapters::encodeApplication;
using ucf::adapters::encodeFiling;

namespace {

Instant at(std::int64_t millis) { return ucf::adapters::fromEpochMillis(millis); }

// Quotes, backslashes, every kind of control character, a NUL, multi-byte UTF-8 and a 4-byte emoji.
std::string hostile(std::string_view tag) {
  std::string s = std::string(tag) + " \"引号\" \\反斜杠\\ /斜杠/ \n换行\r\t\b\f 🚗 ";
  s.push_back('\0');
  s += "\x01\x1f end";
  return s;
}

Application application(std::int64_t number, std::string_view tag) {
  Application a;
  a.number = number;
  a.type = number == 1 ? ApplicationType::kNew : ApplicationType::kChange;
  a.status = ApplicationStatus::kPendingReview;
  a.stage = ReviewStage::kRecheck;
  a.form["enterpriseName"] = hostile(tag);
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
  a.attachments["license_copy"] = {"license_copy",       hostile("file") + ".png", "image/png", 123456,
                                   std::string(64, 'a'), at(1'764'000'000'123),    42};
  Review r;
  r.stage = ReviewStage::kFirstReview;
  r.decision = ReviewDecision::kReject;
  r.opinion = hostile("opinion");
  r.fieldNotes = {{"contact.mobile", hostile("note")}, {"enterpriseName", ""}};
  r.reviewer = {"u-1", "rev\"1", hostile("name")};
  r.at = at(1'764'000'100'999);
  a.reviews.push_back(r);
  a.savedAt = at(1'764'000'000'000);
  a.submittedAt = at(1'764'000'050'001);
  return a;
}

}  // namespace

TEST_CASE("a stored filing reads back exactly, hostile strings and extreme numbers included") {
  Filing f;
  f.uscc = "91350100M000100Y43";
  f.approved = ApprovedState{application(1, "approved"), at(1'764'000'200'000), CalendarDate{2027, 2, 28}};
  f.approved->application.status = ApplicationStatus::kApproved;
  f.approved->application.stage.reset();
  f.approved->application.approvedAt = at(1'764'000'200'000);
  f.open = application(2, "open");
  f.closed = {application(3, "closed"), application(4, "closed again")};
  f.closed[1].submittedAt.reset();
  f.lapsed = LapseReason::kSuperseded;
  f.voidReason = hostile("void");
  f.createdAt = at(1'700'000'000'000);

  const std::string stored = encodeFiling(f);
  CAPTURE(stored);
  CHECK(decodeFiling(stored) == f);

  SECTION("and a filing with nothing optional set") {
    Filing bare;
    bare.uscc = "91350100M000100Y43";
    bare.open = Application{};
    bare.createdAt = at(0);
    CHECK(decodeFiling(encodeFiling(bare)) == bare);
  }
  SECTION("a form version is the same document as the application inside the filing") {
    CHECK(encodeApplication(*f.open).find("\"enterpriseName\":") != std::string::npos);
    CHECK(encodeApplication(*f.open).find("12000.5") != std::string::npos);
  }
}
