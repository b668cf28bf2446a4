#include "plugin/app/notification_plan.hpp"

#include <string_view>

#include "plugin/domain/filer.hpp"

namespace ucf::app {
namespace {

namespace action = domain::history_action;
using Audience = NotificationAudience;

Audience filerOf(const domain::Filing& f) {
  if (f.filer == domain::kVerifiedFiler) return {Audience::Kind::kVerifiedEnterprise, f.uscc};
  constexpr std::string_view kAccountPrefix = "account:";
  std::string_view filer = f.filer;
  if (filer.starts_with(kAccountPrefix)) filer.remove_prefix(kAccountPrefix.size());
  return {Audience::Kind::kAccount, std::string(filer)};
}

Audience authorities(const domain::Filing& f, Audience::Role role) {
  return {Audience::Kind::kProvinceRole, domain::reviewProvince(f), role};
}

std::string detailLink(const domain::Filing& f) { return "/used-car-filing/detail?id=" + std::to_string(f.id); }
std::string reviewLink(const domain::Filing& f) { return "/used-car-filing/review-detail?id=" + std::to_string(f.id); }

// How the text names the filing: its number and the enterprise.
std::string nameOf(const domain::Filing& f) {
  const auto* name = domain::stringOf(domain::currentApplication(f).form, "enterpriseName");
  std::string who = name && !name->empty() ? *name : f.uscc;
  return "二手车出口备案（编号 " + std::to_string(f.id) + "，" + who + "）";
}

std::string withNote(std::string text, const char* label, const std::string& note) {
  if (!note.empty()) text += label + note;
  return text;
}

}  // namespace

std::vector<OutgoingNotification> notificationsFor(const domain::Filing& f,
                                                   const std::vector<domain::Transition>& transitions,
                                                   domain::Instant at) {
  std::vector<OutgoingNotification> out;
  const std::string base = "filing/" + std::to_string(f.id) + "/v" + std::to_string(f.version) + "/";
  auto add = [&](std::size_t index, const std::string& suffix, std::vector<Audience> audience, std::string title,
                 std::string body, std::string link) {
    out.push_back({base + std::to_string(index) + suffix, std::move(audience), std::move(title), std::move(body),
                   std::move(link), at});
  };
  for (std::size_t i = 0; i < transitions.size(); ++i) {
    const domain::Transition& t = transitions[i];
    const std::string name = nameOf(f);
    if (t.action == action::kSubmit) {
      add(i, "", {filerOf(f)}, "备案已上报", name + "已上报，等待审核。", detailLink(f));
      add(i, "/review", {authorities(f, Audience::Role::kReviewer)}, "有备案待初审", name + "已上报，请初审。",
          reviewLink(f));
    } else if (t.action == action::kReviewApprove) {
      add(i, "", {filerOf(f)}, "备案已通过初审", name + "已通过初审，等待复核。", detailLink(f));
      add(i, "/recheck", {authorities(f, Audience::Role::kRechecker)}, "有备案待复核", name + "已通过初审，请复核。",
          reviewLink(f));
    } else if (t.action == action::kReviewReject || t.action == action::kRecheckReject) {
      add(i, "", {filerOf(f)}, "备案审核不通过", withNote(name + "审核不通过。", "审核意见：", t.note), detailLink(f));
    } else if (t.action == action::kRecheckApprove && f.approved) {
      if (f.approved->application.type == domain::ApplicationType::kChange) {
        add(i, "", {filerOf(f)}, "变更已审核通过", name + "的变更已审核通过。", detailLink(f));
      } else {
        add(i, "", {filerOf(f)}, "备案已审核通过",
            name + "已审核通过，有效期至 " + domain::toIsoString(f.approved->validUntil) + "。", detailLink(f));
      }
    } else if (t.action == action::kRevoke) {
      add(i, "", {filerOf(f)}, "备案已撤销",
          withNote(name + "已被商务部撤销。", "撤销原因：", f.voidReason.value_or(t.note)), detailLink(f));
    } else if (t.action == action::kLapse || t.action == action::kSupersede) {
      add(i, "", {filerOf(f)}, "备案已失效",
          name + (t.action == action::kLapse ? "已过有效期，现已失效。" : "已被新批准的备案取代，现已失效。"),
          detailLink(f));
    }
  }
  return out;
}

std::optional<int> reminderDue(int daysToExpiry) {
  if (daysToExpiry < 0) return std::nullopt;
  std::optional<int> due;
  for (int days : kReminderDays) {
    if (daysToExpiry <= days) due = days;  // the list runs from the largest down
  }
  return due;
}

OutgoingNotification expiryReminder(const domain::Filing& f, int days, int daysToExpiry, domain::Instant at) {
  const std::string validUntil = f.approved ? domain::toIsoString(f.approved->validUntil) : std::string();
  return {"filing/" + std::to_string(f.id) + "/expiry/" + validUntil + "/" + std::to_string(days),
          {filerOf(f)},
          "备案即将到期",
          nameOf(f) + "将于 " + validUntil + " 到期（还有 " + std::to_string(daysToExpiry) +
              " 天），如需继续出口请及时办理续期新增。",
          detailLink(f),
          at};
}

}  // namespace ucf::app
