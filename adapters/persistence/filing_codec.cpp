#include "adapters/persistence/filing_codec.hpp"

#include <array>
#include <charconv>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <type_traits>
#include <variant>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

// The parser only to read documents release 1 wrote (numbers as JSON numbers, read exactly): see
// readRelease1Filing. The writer is the generic one; none of the API's document code is used here.
#include "plugin/json/json_parser.hpp"
#include "plugin/json/json_writer.hpp"

#include "adapters/persistence/stored_filing_reader.hpp"

namespace ucf::adapters {
namespace {

namespace bj = boost::json;
using namespace ucf::domain;
using json::JsonWriter;

// Documents without a format version are release 1's: the same members, but a non-integral form
// value was a JSON number.
constexpr std::int64_t kFormatVersion = kStoredFormatVersion;

// The parsed or built tree of a document lives only while it is decoded or encoded: an arena (on
// the stack for a filing's usual size) makes each node one pointer bump and frees them all at once.
class Arena {
 public:
  Arena() : resource_(buffer_.data(), buffer_.size()) {}
  bj::storage_ptr storage() { return &resource_; }

 private:
  alignas(std::max_align_t) std::array<unsigned char, 16384> buffer_;
  bj::monotonic_resource resource_;
};

[[noreturn]] void bad(const std::string& what) { throw std::runtime_error("stored filing has a bad " + what); }

template <typename T>
T must(std::optional<T> v, const char* what) {
  if (!v) bad(what);
  return *v;
}

// ---- writing (format 1) ----
// Written in order by the API's JsonWriter, without a tree: the draft save encodes the whole
// filing and the form version on every request (docs/BENCHMARKS.md, the draft save).

void writeMillis(JsonWriter& w, std::string_view name, const std::optional<Instant>& i) {
  w.key(name);
  if (i) {
    w.value(toEpochMillis(*i));
  } else {
    w.null();
  }
}

// A non-integral number is kept as its shortest round-trip text in `{"decimal": "…"}`: any JSON
// reader gets it back exactly, none has to get floating-point parsing right (Boost.JSON 1.81 may
// be one unit in the last place off).
void writeFormValue(JsonWriter& w, const FieldValue& value) {
  std::visit(
      [&w](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Null>) {
          w.null();
        } else if constexpr (std::is_same_v<T, double>) {
          std::array<char, 64> text{};
          const auto [end, ec] = std::to_chars(text.data(), text.data() + text.size(), v);
          if (ec != std::errc()) throw std::runtime_error("a form number has no text");
          w.beginObject()
              .member("decimal", std::string_view(text.data(), static_cast<std::size_t>(end - text.data())))
              .endObject();
        } else if constexpr (std::is_same_v<T, std::string>) {
          w.value(std::string_view(v));
        } else {
          w.value(v);
        }
      },
      value);
}

void writeActor(JsonWriter& w, const Actor& a) {
  w.beginObject().member("userId", a.userId).member("account", a.account).member("displayName", a.displayName);
  w.endObject();
}

// The members of an application, inside an object the caller opened.
void writeApplicationMembers(JsonWriter& w, const Application& a) {
  w.member("number", a.number).member("type", toString(a.type)).member("status", toString(a.status));
  w.key("stage");
  if (a.stage) {
    w.value(toString(*a.stage));
  } else {
    w.null();
  }
  w.key("form").beginObject();
  for (const auto& [name, value] : a.form) writeFormValue(w.key(name), value);
  w.endObject();
  w.key("attachments").beginObject();
  for (const auto& [slot, x] : a.attachments) {
    w.key(slot).beginObject().member("fileName", x.fileName).member("contentType", x.contentType);
    w.member("size", x.size).member("sha256", x.sha256).member("uploadedAt", toEpochMillis(x.uploadedAt));
    w.member("blobId", x.blobId).endObject();
  }
  w.endObject();
  w.member("savedAt", toEpochMillis(a.savedAt));
  writeMillis(w, "submittedAt", a.submittedAt);
  writeMillis(w, "approvedAt", a.approvedAt);
  w.key("reviews").beginArray();
  for (const auto& r : a.reviews) {
    w.beginObject().member("stage", toString(r.stage)).member("decision", toString(r.decision));
    w.member("opinion", r.opinion).key("fieldNotes").beginArray();
    for (const auto& n : r.fieldNotes) w.beginObject().member("field", n.field).member("note", n.note).endObject();
    w.endArray();
    writeActor(w.key("reviewer"), r.reviewer);
    w.member("at", toEpochMillis(r.at)).endObject();
  }
  w.endArray();
}

// ---- reading release 1 (no "v"; format 1 is stored_filing_reader.cpp's) ----

Instant readInstant(const bj::value& v) { return fromEpochMillis(v.as_int64()); }
std::optional<Instant> readOptInstant(const bj::value* v) {
  if (!v || v->is_null()) return std::nullopt;
  return readInstant(*v);
}
std::string str(const bj::object& o, std::string_view key) { return std::string(o.at(key).as_string()); }

Actor readActor(const bj::object& o) { return {str(o, "userId"), str(o, "account"), str(o, "displayName")}; }

// Release 1 wrote a non-integral form value as a JSON number.
FieldValue readFormValue(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null: return Null{};
    case bj::kind::bool_: return v.get_bool();
    case bj::kind::int64: return v.get_int64();
    case bj::kind::string: return std::string(v.get_string());
    case bj::kind::double_: return v.get_double();
    case bj::kind::object:
    case bj::kind::uint64:
    case bj::kind::array: bad("form member");
  }
  bad("form member");
}

Application readApplication(const bj::object& o) {
  Application a;
  a.number = o.at("number").as_int64();
  a.type = must(parseApplicationType(o.at("type").as_string()), "type");
  a.status = must(parseApplicationStatus(o.at("status").as_string()), "status");
  if (const auto& s = o.at("stage"); !s.is_null()) a.stage = must(parseReviewStage(s.as_string()), "stage");
  for (const auto& [k, v] : o.at("form").as_object()) a.form.emplace(std::string(k), readFormValue(v));
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

// A document release 1 wrote: parsed with the exact number reader, which its JSON numbers need
// to read back as the values that were written.
Filing readRelease1Filing(std::string_view json) {
  Arena arena;
  const bj::value doc = json::parseJson(json, arena.storage());
  const bj::object& o = doc.as_object();  // a reference: copying the object copied the whole tree
  if (o.contains("v")) bad("format version member (not the first)");
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
    if (l.as_string() == "EXPIRED") {
      f.lapsed = LapseReason::kExpired;
    } else if (l.as_string() == "SUPERSEDED") {
      f.lapsed = LapseReason::kSuperseded;
    } else {
      bad("lapsed reason");
    }
  }
  if (const auto& v = o.at("voidReason"); !v.is_null()) f.voidReason = std::string(v.as_string());
  f.createdAt = readInstant(o.at("createdAt"));
  return f;
}

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
  JsonWriter w;
  w.beginObject().member("v", kFormatVersion).member("uscc", f.uscc).key("approved");
  if (f.approved) {
    w.beginObject().key("application").beginObject();
    writeApplicationMembers(w, f.approved->application);
    w.endObject().member("approvedAt", toEpochMillis(f.approved->approvedAt));
    w.member("validUntil", toIsoString(f.approved->validUntil)).endObject();
  } else {
    w.null();
  }
  w.key("open");
  if (f.open) {
    w.beginObject();
    writeApplicationMembers(w, *f.open);
    w.endObject();
  } else {
    w.null();
  }
  w.key("closed").beginArray();
  for (const auto& c : f.closed) {
    w.beginObject();
    writeApplicationMembers(w, c);
    w.endObject();
  }
  w.endArray().member("deleted", f.deleted).key("lapsed");
  if (f.lapsed) {
    w.value(*f.lapsed == LapseReason::kExpired ? "EXPIRED" : "SUPERSEDED");
  } else {
    w.null();
  }
  w.key("voidReason").value(f.voidReason).member("createdAt", toEpochMillis(f.createdAt)).endObject();
  return w.take();
}

Filing decodeFiling(std::string_view json) {
  // Format 1 and later start with their version (encodeFiling writes it first); release 1 had none.
  return hasFormatVersion(json) ? readStoredFiling(json) : readRelease1Filing(json);
}

std::string encodeApplication(const Application& application) {
  JsonWriter w;
  w.beginObject().member("v", kFormatVersion);
  writeApplicationMembers(w, application);
  w.endObject();
  return w.take();
}

HistoryEvent decodeHistoryEvent(std::string_view content, std::string hash) {
  Arena arena;
  const bj::value doc = bj::parse(bj::string_view(content.data(), content.size()), arena.storage());
  const bj::object& o = doc.as_object();
  HistoryEvent e;
  e.seq = o.at("seq").as_int64();
  e.at = parseIsoInstant(o.at("at").as_string());
  e.actor = readActor(o.at("actor").as_object());
  e.action = str(o, "action");
  e.application = o.at("application").as_int64();
  if (const auto& s = o.at("fromStatus"); !s.is_null()) {
    e.fromStatus = must(parseFilingStatus(s.as_string()), "history fromStatus");
  }
  if (const auto& s = o.at("toStatus"); !s.is_null())
    e.toStatus = must(parseFilingStatus(s.as_string()), "history toStatus");
  for (const auto& c : o.at("changedFields").as_array()) e.changedFields.emplace_back(c.as_string());
  e.note = str(o, "note");
  e.prevHash = str(o, "prevHash");
  e.hash = std::move(hash);
  return e;
}

}  // namespace ucf::adapters
