#include "plugin/rest/filing_json.hpp"

#include "plugin/domain/filing_lifecycle.hpp"
#include "plugin/domain/form_definition.hpp"
#include "plugin/json/field_value_json.hpp"
#include "plugin/rest/form_json.hpp"

namespace ucf::rest {
namespace {

namespace bj = boost::json;
using namespace ucf::domain;

bj::array actionsJson(const std::vector<EnterpriseAction>& actions) {
  bj::array out;
  for (auto a : actions) out.push_back(bj::string(toString(a)));
  return out;
}

bj::value dateOrNull(const std::optional<CalendarDate>& d) {
  return d ? bj::value(toIsoString(*d)) : bj::value(nullptr);
}

bj::value intOrNull(const std::optional<int>& n) { return n ? bj::value(*n) : bj::value(nullptr); }

bj::array attachmentsJson(const AttachmentSet& set) {
  bj::array out;
  for (const auto& s : slots()) {
    auto it = set.find(s.slot);
    if (it != set.end()) out.push_back(attachmentJson(it->second));
  }
  return out;
}

bj::object actorJson(const Actor& a) {
  return {{"userId", a.userId}, {"account", a.account}, {"displayName", a.displayName}};
}

bj::array reviewsJson(const std::vector<Review>& reviews) {
  bj::array out;
  for (const auto& r : reviews) {
    bj::array notes;
    for (const auto& n : r.fieldNotes) notes.push_back(bj::object{{"field", n.field}, {"note", n.note}});
    out.push_back(bj::object{{"stage", toString(r.stage)},
                             {"decision", toString(r.decision)},
                             {"opinion", r.opinion},
                             {"fieldNotes", std::move(notes)},
                             {"reviewer", actorJson(r.reviewer)},
                             {"at", toIsoInstant(r.at)}});
  }
  return out;
}

bj::value optionalValue(const std::optional<FieldValue>& v) { return v ? json::toJson(*v) : bj::value(nullptr); }

}  // namespace

bj::value instantOrNull(const std::optional<Instant>& instant) {
  return instant ? bj::value(toIsoInstant(*instant)) : bj::value(nullptr);
}

bj::object attachmentJson(const Attachment& a) {
  return {{"slot", a.slot},     {"fileName", a.fileName}, {"contentType", a.contentType},
          {"size", a.size},     {"sha256", a.sha256},     {"uploadedAt", toIsoInstant(a.uploadedAt)}};
}

bj::object filingDetailJson(const Filing& f, CalendarDate today) {
  const Application& current = currentApplication(f);
  bj::object o = formToJson(current.form);
  FilingStatus status = rowStatus(f, today);
  o["id"] = f.id;
  o["uscc"] = f.uscc;
  o["applicationType"] = toString(rowApplicationType(f));
  o["applicationTypeLabel"] = labelOf(rowApplicationType(f));
  o["status"] = toString(status);
  o["statusLabel"] = labelOf(status);
  o["reviewStage"] = f.open && f.open->stage ? bj::value(toString(*f.open->stage)) : bj::value(nullptr);
  o["complete"] = isComplete(current, today);
  o["version"] = f.version;
  o["savedAt"] = toIsoInstant(current.savedAt);
  o["submittedAt"] = instantOrNull(current.submittedAt);
  o["approvedAt"] = instantOrNull(f.approved ? std::optional<Instant>(f.approved->approvedAt) : std::nullopt);
  o["validUntil"] = dateOrNull(f.approved ? std::optional<CalendarDate>(f.approved->validUntil) : std::nullopt);
  o["daysToExpiry"] = intOrNull(filingDaysToExpiry(f, today));
  o["actions"] = actionsJson(allowedActions(f, today));
  o["attachments"] = attachmentsJson(current.attachments);
  o["reviews"] = reviewsJson(current.reviews);
  if (f.voidReason) o["voidReason"] = *f.voidReason;
  if (f.open && f.approved) {
    bj::object approved = formToJson(f.approved->application.form);
    approved["attachments"] = attachmentsJson(f.approved->application.attachments);
    approved["approvedAt"] = toIsoInstant(f.approved->approvedAt);
    approved["validUntil"] = toIsoString(f.approved->validUntil);
    o["approved"] = std::move(approved);
  } else {
    o["approved"] = nullptr;
  }
  return o;
}

bj::object summaryJson(const app::FilingSummary& s, CalendarDate today) {
  FilingStatus status = app::statusOn(s, today);
  bool inForceNow = s.validUntil && status != FilingStatus::kVoid && status != FilingStatus::kLapsed;
  return {{"id", s.id},
          {"applicationType", toString(s.applicationType)},
          {"applicationTypeLabel", labelOf(s.applicationType)},
          {"status", toString(status)},
          {"statusLabel", labelOf(status)},
          {"reviewStage", s.reviewStage && status == FilingStatus::kPendingReview ? bj::value(toString(*s.reviewStage))
                                                                                  : bj::value(nullptr)},
          {"enterpriseName", s.enterpriseName},
          {"uscc", s.uscc},
          {"provinceCode", s.provinceCode},
          {"complete", s.complete},
          {"savedAt", instantOrNull(s.savedAt)},
          {"submittedAt", instantOrNull(s.submittedAt)},
          {"approvedAt", instantOrNull(s.approvedAt)},
          {"validUntil", dateOrNull(s.validUntil)},
          {"daysToExpiry", intOrNull(daysToExpiry(s.validUntil, today, inForceNow))},
          {"actions", actionsJson(actionsFor(status))},
          {"version", s.version}};
}

bj::object historyJson(const std::vector<HistoryEvent>& events) {
  bj::array list;
  for (const auto& e : events) {
    bj::array changed;
    for (const auto& c : e.changedFields) changed.push_back(bj::string(c));
    list.push_back(bj::object{
        {"seq", e.seq},
        {"at", toIsoInstant(e.at)},
        {"actor", actorJson(e.actor)},
        {"action", e.action},
        {"application", e.application},
        {"fromStatus", e.fromStatus ? bj::value(toString(*e.fromStatus)) : bj::value(nullptr)},
        {"toStatus", e.toStatus ? bj::value(toString(*e.toStatus)) : bj::value(nullptr)},
        {"changedFields", std::move(changed)},
        {"note", e.note},
        {"prevHash", e.prevHash},
        {"hash", e.hash}});
  }
  return {{"events", std::move(list)}};
}

bj::object diffJson(const std::vector<FieldChange>& changes) {
  bj::array list;
  for (const auto& c : changes) {
    list.push_back(bj::object{{"field", c.field}, {"from", optionalValue(c.from)}, {"to", optionalValue(c.to)}});
  }
  return {{"changes", std::move(list)}};
}

}  // namespace ucf::rest
