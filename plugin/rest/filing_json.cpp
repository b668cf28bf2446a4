#include "plugin/rest/filing_json.hpp"

#include "plugin/domain/filing_lifecycle.hpp"
#include "plugin/domain/form_definition.hpp"
#include "plugin/json/field_value_json.hpp"
#include "plugin/rest/form_json.hpp"

namespace ucf::rest {
namespace {

using json::JsonWriter;
using namespace ucf::domain;

// An instant as ISO 8601 with the +08:00 offset, or null.
void instantValue(JsonWriter& out, const std::optional<Instant>& instant) {
  if (instant) {
    out.value(toIsoInstant(*instant));
  } else {
    out.null();
  }
}

void dateValue(JsonWriter& out, const std::optional<CalendarDate>& date) {
  if (date) {
    out.value(toIsoString(*date));
  } else {
    out.null();
  }
}

template <typename Action>
void actionsValue(JsonWriter& out, const std::vector<Action>& actions) {
  out.beginArray();
  for (auto a : actions) out.value(toString(a));
  out.endArray();
}

void writeAttachment(JsonWriter& out, const Attachment& a) {
  out.beginObject()
      .member("slot", a.slot)
      .member("fileName", a.fileName)
      .member("contentType", a.contentType)
      .member("size", static_cast<std::int64_t>(a.size))
      .member("sha256", a.sha256)
      .member("uploadedAt", toIsoInstant(a.uploadedAt))
      .endObject();
}

// The attachments in the order of the slots' definition.
void attachmentsValue(JsonWriter& out, const AttachmentSet& set) {
  out.beginArray();
  for (const auto& s : slots()) {
    auto it = set.find(s.slot);
    if (it != set.end()) writeAttachment(out, it->second);
  }
  out.endArray();
}

void actorValue(JsonWriter& out, const Actor& a) {
  out.beginObject()
      .member("userId", a.userId)
      .member("account", a.account)
      .member("displayName", a.displayName)
      .endObject();
}

void reviewsValue(JsonWriter& out, const std::vector<Review>& reviews) {
  out.beginArray();
  for (const auto& r : reviews) {
    out.beginObject()
        .member("stage", toString(r.stage))
        .member("decision", toString(r.decision))
        .member("opinion", r.opinion)
        .key("fieldNotes")
        .beginArray();
    for (const auto& n : r.fieldNotes) out.beginObject().member("field", n.field).member("note", n.note).endObject();
    out.endArray().key("reviewer");
    actorValue(out, r.reviewer);
    out.member("at", toIsoInstant(r.at)).endObject();
  }
  out.endArray();
}

void optionalFieldValue(JsonWriter& out, const std::optional<FieldValue>& v) {
  if (v) {
    json::writeFieldValue(out, *v);
  } else {
    out.null();
  }
}

}  // namespace

std::string filingDetailJson(const Filing& f, CalendarDate today) {
  const Application& current = currentApplication(f);
  const FilingStatus status = rowStatus(f, today);
  const ApplicationType type = rowApplicationType(f);
  JsonWriter out;
  out.beginObject();
  // The form's members; `uscc` is the filing's own (the same once saved), written below.
  writeFormMembers(out, current.form, "uscc");
  out.member("id", f.id)
      .member("uscc", f.uscc)
      .member("applicationType", toString(type))
      .member("applicationTypeLabel", labelOf(type))
      .member("status", toString(status))
      .member("statusLabel", labelOf(status))
      .key("reviewStage");
  if (f.open && f.open->stage) {
    out.value(toString(*f.open->stage));
  } else {
    out.null();
  }
  out.member("complete", isComplete(current, today)).member("version", f.version);
  out.member("savedAt", toIsoInstant(current.savedAt)).key("submittedAt");
  instantValue(out, current.submittedAt);
  out.key("approvedAt");
  instantValue(out, f.approved ? std::optional<Instant>(f.approved->approvedAt) : std::nullopt);
  out.key("validUntil");
  dateValue(out, f.approved ? std::optional<CalendarDate>(f.approved->validUntil) : std::nullopt);
  out.member("daysToExpiry", filingDaysToExpiry(f, today)).key("actions");
  actionsValue(out, allowedActions(f, today));
  out.key("attachments");
  attachmentsValue(out, current.attachments);
  out.key("reviews");
  reviewsValue(out, current.reviews);
  if (f.voidReason) out.member("voidReason", *f.voidReason);
  out.key("approved");
  if (f.open && f.approved) {
    out.beginObject();
    writeFormMembers(out, f.approved->application.form);
    out.key("attachments");
    attachmentsValue(out, f.approved->application.attachments);
    out.member("approvedAt", toIsoInstant(f.approved->approvedAt))
        .member("validUntil", toIsoString(f.approved->validUntil))
        .endObject();
  } else {
    out.null();
  }
  out.endObject();
  return out.take();
}

void writeSummary(JsonWriter& out, const app::FilingSummary& s, CalendarDate today) {
  const FilingStatus status = app::statusOn(s, today);
  const bool inForceNow = s.validUntil && status != FilingStatus::kVoid && status != FilingStatus::kLapsed;
  out.beginObject()
      .member("id", s.id)
      .member("applicationType", toString(s.applicationType))
      .member("applicationTypeLabel", labelOf(s.applicationType))
      .member("status", toString(status))
      .member("statusLabel", labelOf(status))
      .key("reviewStage");
  if (s.reviewStage && status == FilingStatus::kPendingReview) {
    out.value(toString(*s.reviewStage));
  } else {
    out.null();
  }
  out.member("enterpriseName", s.enterpriseName)
      .member("uscc", s.uscc)
      .member("provinceCode", s.provinceCode)
      .member("complete", s.complete)
      .key("savedAt");
  instantValue(out, s.savedAt);
  out.key("submittedAt");
  instantValue(out, s.submittedAt);
  out.key("approvedAt");
  instantValue(out, s.approvedAt);
  out.key("validUntil");
  dateValue(out, s.validUntil);
  out.member("daysToExpiry", daysToExpiry(s.validUntil, today, inForceNow)).key("actions");
  actionsValue(out, actionsFor(status));
  out.member("version", s.version).endObject();
}

std::string attachmentJson(const Attachment& a) {
  JsonWriter out;
  writeAttachment(out, a);
  return out.take();
}

std::string historyJson(const std::vector<HistoryEvent>& events) {
  JsonWriter out;
  out.beginObject().key("events").beginArray();
  for (const auto& e : events) {
    out.beginObject().member("seq", e.seq).member("at", toIsoInstant(e.at)).key("actor");
    actorValue(out, e.actor);
    out.member("action", e.action).member("application", e.application).key("fromStatus");
    if (e.fromStatus) {
      out.value(toString(*e.fromStatus));
    } else {
      out.null();
    }
    out.key("toStatus");
    if (e.toStatus) {
      out.value(toString(*e.toStatus));
    } else {
      out.null();
    }
    out.key("changedFields").beginArray();
    for (const auto& c : e.changedFields) out.value(c);
    out.endArray().member("note", e.note).member("prevHash", e.prevHash).member("hash", e.hash).endObject();
  }
  out.endArray().endObject();
  return out.take();
}

std::string diffJson(const std::vector<FieldChange>& changes) {
  JsonWriter out;
  out.beginObject().key("changes").beginArray();
  for (const auto& c : changes) {
    out.beginObject().member("field", c.field).key("from");
    optionalFieldValue(out, c.from);
    out.key("to");
    optionalFieldValue(out, c.to);
    out.endObject();
  }
  out.endArray().endObject();
  return out.take();
}

}  // namespace ucf::rest
