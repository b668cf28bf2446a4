// What each change owes whom (docs/PRODUCT.md §7.2): app/notification_plan, from the transitions a change
// recorded; and which expiry reminder is due on a given day.
#include <catch2/catch.hpp>

#include "plugin/app/notification_plan.hpp"
#include "plugin/domain/filer.hpp"

using ucf::app::expiryReminder;
using ucf::app::NotificationAudience;
using ucf::app::notificationsFor;
using ucf::app::reminderDue;
using ucf::domain::Filing;
using ucf::domain::FilingStatus;
using ucf::domain::Transition;
namespace action = ucf::domain::history_action;

namespace {

constexpr const char* kUscc = "91350100M000100Y43";

Filing filing(const std::string& filer) {
  Filing f;
  f.id = 7;
  f.version = 3;
  f.uscc = kUscc;
  f.filer = filer;
  ucf::domain::Application open;
  open.form["enterpriseName"] = std::string("福州示例二手车出口有限公司");
  open.form["address.provinceCode"] = std::string("350000");
  f.open = open;
  return f;
}

Transition transition(const char* what, FilingStatus from = FilingStatus::kPendingSubmit,
                      FilingStatus to = FilingStatus::kPendingSubmit, const std::string& note = "") {
  Transition t;
  t.action = what;
  t.from = from;
  t.to = to;
  t.note = note;
  return t;
}

}  // namespace

TEST_CASE("notification plan: a submit tells the filer and the province's reviewers; keys differ per event") {
  const auto at = std::chrono::system_clock::now();
  auto plan =
      notificationsFor(filing(std::string(ucf::domain::kVerifiedFiler)),
                       {transition(action::kSubmit, FilingStatus::kPendingSubmit, FilingStatus::kPendingReview)}, at);
  REQUIRE(plan.size() == 2);
  CHECK(plan[0].audience ==
        std::vector<NotificationAudience>{{NotificationAudience::Kind::kVerifiedEnterprise, kUscc}});
  CHECK(plan[0].title == "备案已上报");
  CHECK(plan[0].link == "/used-car-filing/detail?id=7");
  CHECK(plan[1].audience == std::vector<NotificationAudience>{{NotificationAudience::Kind::kProvinceRole, "350000",
                                                               NotificationAudience::Role::kReviewer}});
  CHECK(plan[1].link == "/used-car-filing/review-detail?id=7");
  CHECK(plan[0].key != plan[1].key);
  CHECK(plan[0].body.find("福州示例二手车出口有限公司") != std::string::npos);
}

TEST_CASE("notification plan: an unverified filer is its one account; saves and uploads owe nothing") {
  const auto at = std::chrono::system_clock::now();
  auto rejected = notificationsFor(
      filing("account:u-42"),
      {transition(action::kReviewReject, FilingStatus::kPendingReview, FilingStatus::kRejected, "材料不全")}, at);
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].audience == std::vector<NotificationAudience>{{NotificationAudience::Kind::kAccount, "u-42"}});
  CHECK(rejected[0].body.find("审核意见：材料不全") != std::string::npos);
  CHECK(notificationsFor(filing("account:u-42"),
                         {transition(action::kSave), transition(action::kAttachmentPut), transition(action::kCreate)},
                         at)
            .empty());
}

TEST_CASE("expiry reminders: the nearest threshold not below the days left, none beyond 90 or after the end") {
  CHECK(reminderDue(91) == std::nullopt);
  CHECK(reminderDue(90) == 90);
  CHECK(reminderDue(31) == 90);
  CHECK(reminderDue(30) == 30);
  CHECK(reminderDue(8) == 30);
  CHECK(reminderDue(7) == 7);
  CHECK(reminderDue(0) == 7);
  CHECK(reminderDue(-1) == std::nullopt);
  Filing f = filing("account:u-42");
  f.approved = ucf::domain::ApprovedState{*f.open, std::chrono::system_clock::now(), {2027, 2, 28}};
  auto r = expiryReminder(f, 30, 29, std::chrono::system_clock::now());
  CHECK(r.key == "filing/7/expiry/2027-02-28/30");
  CHECK(r.body.find("还有 29 天") != std::string::npos);
}
