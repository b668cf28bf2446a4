#include "plugin/rest/filing_json.hpp"

#include "plugin/app/filing_access.hpp"
#include "plugin/domain/filing_lifecycle.hpp"
#include "plugin/domain/form_definition.hpp"
#include "plugin/json/field_value_json.hpp"
#include "plugin/json/review_json.hpp"
#include "plugin/rest/form_json.hpp"

namespace ucf::rest {
namespace {

using json::JsonWriter;
using namespace ucf::domain;

// Absent values are written as null: these give the optional text of one, for member().
std::optional<std::string> isoOrNull(const std::optional<Instant>& instant) {
  return instant ? std::optional(toIsoInstant(*instant)) : std::nullopt;
}

std::optional<std::string> isoOrNull(const std::optional<CalendarDate>& date) {
  return date ? std::optional(toIsoString(*date)) : std::nullopt;
}

template <typename Enum>
std::optional<std::string_view> nameOrNull(const std::optional<Enum>& value) {
  return value ? std::optional(toString(*value)) : std::nullopt;
}

void isoInstant(JsonWriter& out, Instant instant) { out.value(toIsoInstant(instant)); }

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

void optionalFieldValue(JsonWriter& out, const std::optional<FieldValue>& v) {
  if (v) {
    json::writeFieldValue(out, *v);
  } else {
    out.null();
  }
}

}  // namespace

std::string filingDetailJson(const Filing& f, CalendarDate today, const DetailView& view) {
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
      .member("reviewStage", nameOrNull(f.open ? f.open->stage : std::nullopt))
      .member("complete", isComplete(current, today))
      .member("version", f.version)
      .member("savedAt", toIsoInstant(current.savedAt))
      .member("submittedAt", isoOrNull(current.submittedAt))
      .member("approvedAt", isoOrNull(f.approved ? std::optional(f.approved->approvedAt) : std::nullopt))
      .member("validUntil", isoOrNull(f.approved ? std::optional(f.approved->validUntil) : std::nullopt))
      .member("daysToExpiry", filingDaysToExpiry(f, today))
      .key("actions");
  actionsValue(out, view.enterprise
                        ? app::permittedActions(allowedActions(f, today), app::accessOf(*view.enterprise, f))
                        : allowedActions(f, today));
  out.key("createdBy");
  json::writeActor(out, f.creator);
  if (view.otherOpenNew) out.member("otherOpenNew", *view.otherOpenNew);
  out.key("attachments");
  attachmentsValue(out, current.attachments);
  out.key("reviews");
  json::writeReviews(out, current.reviews, isoInstant);
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

namespace {

void writeSummary(JsonWriter& out, const app::FilingSummary& s, CalendarDate today, const app::Caller* enterprise) {
  const FilingStatus status = app::statusOn(s, today);
  const bool inForceNow = s.validUntil && status != FilingStatus::kVoid && status != FilingStatus::kLapsed;
  out.beginObject()
      .member("id", s.id)
      .member("applicationType", toString(s.applicationType))
      .member("applicationTypeLabel", labelOf(s.applicationType))
      .member("status", toString(status))
      .member("statusLabel", labelOf(status))
      .member("reviewStage", nameOrNull(status == FilingStatus::kPendingReview ? s.reviewStage : std::nullopt))
      .member("enterpriseName", s.enterpriseName)
      .member("uscc", s.uscc)
      .member("provinceCode", s.provinceCode)
      .member("complete", s.complete)
      .member("savedAt", isoOrNull(s.savedAt))
      .member("submittedAt", isoOrNull(s.submittedAt))
      .member("approvedAt", isoOrNull(s.approvedAt))
      .member("validUntil", isoOrNull(s.validUntil))
      .member("daysToExpiry", daysToExpiry(s.validUntil, today, inForceNow))
      .key("actions");
  if (enterprise) {
    actionsValue(out, app::permittedActions(actionsFor(status),
                                            app::accessOf(*enterprise, s.uscc, s.filer, s.createdBy, s.deleted)));
  } else {
    actionsValue(out, actionsFor(status));
    out.member("otherOpenNew", s.otherOpenNew);
  }
  out.member("version", s.version).endObject();
}

void writeItems(JsonWriter& out, const std::vector<app::FilingSummary>& items, CalendarDate today,
                const app::Caller* enterprise) {
  out.key("items").beginArray();
  for (const auto& s : items) writeSummary(out, s, today, enterprise);
  out.endArray();
}

}  // namespace

void writeEnterpriseItems(JsonWriter& out, const std::vector<app::FilingSummary>& items, CalendarDate today,
                          const app::Caller& caller) {
  writeItems(out, items, today, &caller);
}

void writeReviewItems(JsonWriter& out, const std::vector<app::FilingSummary>& items, CalendarDate today) {
  writeItems(out, items, today, nullptr);
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
    json::writeActor(out, e.actor);
    out.member("action", e.action)
        .member("application", e.application)
        .member("fromStatus", nameOrNull(e.fromStatus))
        .member("toStatus", nameOrNull(e.toStatus))
        .key("changedFields")
        .beginArray();
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
