#include "adapters/persistence/filing_codec.hpp"

#include <array>
#include <cstddef>
#include <stdexcept>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>

#include "plugin/json/field_value_json.hpp"
#include "plugin/json/json_parser.hpp"
#include "plugin/json/json_writer.hpp"
#include "plugin/json/review_json.hpp"

namespace ucf::adapters {
namespace {

namespace bj = boost::json;
using namespace ucf::domain;

Instant readInstant(const bj::value& v) { return fromEpochMillis(v.as_int64()); }
std::optional<Instant> readOptInstant(const bj::value* v) {
  if (!v || v->is_null()) return std::nullopt;
  return readInstant(*v);
}
std::string str(const bj::object& o, std::string_view key) { return std::string(o.at(key).as_string()); }

Actor readActor(const bj::object& o) { return {str(o, "userId"), str(o, "account"), str(o, "displayName")}; }

void writeForm(json::JsonWriter& out, const FormData& form) {
  out.beginObject();
  for (const auto& [k, v] : form) {
    out.key(k);
    json::writeFieldValue(out, v);
  }
  out.endObject();
}

std::optional<std::int64_t> millisOf(const std::optional<Instant>& i) {
  return i ? std::optional(toEpochMillis(*i)) : std::nullopt;
}
FormData readForm(const bj::object& o) {
  FormData form;
  for (const auto& [k, v] : o) {
    auto value = json::fromJson(v);
    if (!value) throw std::runtime_error("stored form member is not a scalar");
    form.emplace(std::string(k), std::move(*value));
  }
  return form;
}

void writeApplication(json::JsonWriter& out, const Application& a) {
  out.beginObject()
      .member("number", a.number)
      .member("type", toString(a.type))
      .member("status", toString(a.status))
      .member("stage", a.stage ? std::optional(toString(*a.stage)) : std::nullopt)
      .key("form");
  writeForm(out, a.form);
  out.key("attachments").beginObject();
  for (const auto& [slot, x] : a.attachments) {
    out.key(slot)
        .beginObject()
        .member("fileName", x.fileName)
        .member("contentType", x.contentType)
        .member("size", x.size)
        .member("sha256", x.sha256)
        .member("uploadedAt", toEpochMillis(x.uploadedAt))
        .member("blobId", x.blobId)
        .endObject();
  }
  out.endObject()
      .member("savedAt", toEpochMillis(a.savedAt))
      .member("submittedAt", millisOf(a.submittedAt))
      .member("approvedAt", millisOf(a.approvedAt))
      .key("reviews");
  json::writeReviews(out, a.reviews, [](json::JsonWriter& w, Instant i) { w.value(toEpochMillis(i)); });
  out.endObject();
}

template <typename T>
T must(std::optional<T> v, const char* what) {
  if (!v) throw std::runtime_error(std::string("stored filing has a bad ") + what);
  return *v;
}

Application readApplication(const bj::object& o) {
  Application a;
  a.number = o.at("number").as_int64();
  a.type = must(parseApplicationType(o.at("type").as_string()), "type");
  a.status = must(parseApplicationStatus(o.at("status").as_string()), "status");
  if (const auto& s = o.at("stage"); !s.is_null()) a.stage = must(parseReviewStage(s.as_string()), "stage");
  a.form = readForm(o.at("form").as_object());
  for (const auto& [slot, v] : o.at("attachments").as_object()) {
    const auto& x = v.as_object();
    a.attachments.emplace(std::string(slot), Attachment{std::string(slot), str(x, "fileName"), str(x, "contentType"),
                                                        x.at("size").as_int64(), str(x, "sha256"),
                                                        readInstant(x.at("uploadedAt")), x.at("blobId").as_int64()});
  }
  a.savedAt = readInstant(o.at("savedAt"));
  a.submittedAt = readOptInstant(o.if_contains("submittedAt"));
  a.approvedAt = readOptInstant(o.if_contains("approvedAt"));
  for (const auto& rv : o.at("reviews").as_array()) {
    const auto& r = rv.as_object();
    Review review;
    review.stage = must(parseReviewStage(r.at("stage").as_string()), "review stage");
    review.decision = must(parseReviewDecision(r.at("decision").as_string()), "decision");
    review.opinion = str(r, "opinion");
    for (const auto& n : r.at("fieldNotes").as_array()) {
      review.fieldNotes.push_back({str(n.as_object(), "field"), str(n.as_object(), "note")});
    }
    review.reviewer = readActor(r.at("reviewer").as_object());
    review.at = readInstant(r.at("at"));
    a.reviews.push_back(std::move(review));
  }
  return a;
}

// The parsed tree of a stored document lives only while it is decoded: an arena (on the stack for
// a filing's usual size) makes each node one pointer bump and frees them all at once, where the
// default allocator cost a malloc and a free per node.
class ParseArena {
 public:
  ParseArena() : resource_(buffer_.data(), buffer_.size()) {}
  bj::storage_ptr storage() { return &resource_; }

 private:
  alignas(std::max_align_t) std::array<unsigned char, 16384> buffer_;
  bj::monotonic_resource resource_;
};

int twoDigits(std::string_view s, std::size_t at) {
  if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') {
    throw std::runtime_error("bad instant");
  }
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

}  // namespace

std::int64_t toEpochMillis(Instant instant) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count();
}

Instant fromEpochMillis(std::int64_t millis) {
  return Instant(std::chrono::duration_cast<Instant::duration>(std::chrono::milliseconds(millis)));
}

Instant parseIsoInstant(std::string_view s) {
  // 2026-03-01T09:30:00.123+08:00
  if (s.size() != 29 || s[10] != 'T' || s[19] != '.' || (s[23] != '+' && s[23] != '-')) {
    throw std::runtime_error("bad instant");
  }
  auto date = parseIsoDate(s.substr(0, 10));
  if (!date) throw std::runtime_error("bad instant");
  int hh = twoDigits(s, 11), mm = twoDigits(s, 14), ss = twoDigits(s, 17);
  int ms = twoDigits(s, 20) * 10 + (s[22] - '0');
  int offset = (twoDigits(s, 24) * 60 + twoDigits(s, 27)) * (s[23] == '+' ? 1 : -1);
  std::int64_t seconds = toDayNumber(*date) * 86400 + hh * 3600 + mm * 60 + ss - offset * 60;
  return fromEpochMillis(seconds * 1000 + ms);
}

std::string encodeFiling(const Filing& f) {
  json::JsonWriter out;
  out.beginObject().member("uscc", f.uscc).key("approved");
  if (f.approved) {
    out.beginObject().key("application");
    writeApplication(out, f.approved->application);
    out.member("approvedAt", toEpochMillis(f.approved->approvedAt))
        .member("validUntil", toIsoString(f.approved->validUntil))
        .endObject();
  } else {
    out.null();
  }
  out.key("open");
  if (f.open) {
    writeApplication(out, *f.open);
  } else {
    out.null();
  }
  out.key("closed").beginArray();
  for (const auto& c : f.closed) writeApplication(out, c);
  out.endArray()
      .member("deleted", f.deleted)
      .member("lapsed",
              f.lapsed ? std::optional(std::string_view(*f.lapsed == LapseReason::kExpired ? "EXPIRED" : "SUPERSEDED"))
                       : std::nullopt)
      .member("voidReason", f.voidReason)
      .member("createdAt", toEpochMillis(f.createdAt))
      .endObject();
  return out.take();
}

Filing decodeFiling(std::string_view json) {
  ParseArena arena;
  const bj::value doc = json::parseJson(json, arena.storage());
  const bj::object& o = doc.as_object();  // a reference: copying the object copied the whole tree
  Filing f;
  f.uscc = str(o, "uscc");
  if (const auto& a = o.at("approved"); !a.is_null()) {
    const auto& ao = a.as_object();
    f.approved = ApprovedState{readApplication(ao.at("application").as_object()), readInstant(ao.at("approvedAt")),
                               must(parseIsoDate(ao.at("validUntil").as_string()), "validUntil")};
  }
  if (const auto& op = o.at("open"); !op.is_null()) f.open = readApplication(op.as_object());
  for (const auto& c : o.at("closed").as_array()) f.closed.push_back(readApplication(c.as_object()));
  f.deleted = o.at("deleted").as_bool();
  if (const auto& l = o.at("lapsed"); !l.is_null()) {
    f.lapsed = l.as_string() == "EXPIRED" ? LapseReason::kExpired : LapseReason::kSuperseded;
  }
  if (const auto& v = o.at("voidReason"); !v.is_null()) f.voidReason = std::string(v.as_string());
  f.createdAt = readInstant(o.at("createdAt"));
  return f;
}

std::string encodeApplication(const Application& application) {
  json::JsonWriter out;
  writeApplication(out, application);
  return out.take();
}

HistoryEvent decodeHistoryEvent(std::string_view content, std::string hash) {
  ParseArena arena;
  const bj::value doc = json::parseJson(content, arena.storage());
  const bj::object& o = doc.as_object();
  HistoryEvent e;
  e.seq = o.at("seq").as_int64();
  e.at = parseIsoInstant(o.at("at").as_string());
  e.actor = readActor(o.at("actor").as_object());
  e.action = str(o, "action");
  e.application = o.at("application").as_int64();
  if (const auto& s = o.at("fromStatus"); !s.is_null()) e.fromStatus = parseFilingStatus(s.as_string());
  if (const auto& s = o.at("toStatus"); !s.is_null()) e.toStatus = parseFilingStatus(s.as_string());
  for (const auto& c : o.at("changedFields").as_array()) e.changedFields.emplace_back(c.as_string());
  e.note = str(o, "note");
  e.prevHash = str(o, "prevHash");
  e.hash = std::move(hash);
  return e;
}

}  // namespace ucf::adapters
