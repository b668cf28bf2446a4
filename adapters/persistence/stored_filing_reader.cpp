#include "adapters/persistence/stored_filing_reader.hpp"

#include <array>
#include <charconv>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>

#include "adapters/persistence/filing_codec.hpp"
#include "adapters/persistence/json_cursor.hpp"

namespace ucf::adapters {
namespace {

using namespace ucf::domain;

[[noreturn]] void bad(const std::string& what) { throw std::runtime_error("stored filing has a bad " + what); }

// Reads one object whose members are `names` (at most 32), each once, in any order: `read(i)`
// reads the value of names[i]. Members whose bit is in `optional` may be absent.
template <std::size_t N, typename Read>
void readObject(JsonCursor& in, const std::array<std::string_view, N>& names, const char* what, Read read,
                unsigned optional = 0) {
  static_assert(N < 32);
  in.beginObject();
  unsigned seen = 0;
  std::size_t next = 0;  // encodeFiling writes the members in `names` order: try that one first
  std::string_view key;
  while (in.member(key)) {
    std::size_t i = next;
    if (i >= N || names[i] != key) {
      i = 0;
      while (i < N && names[i] != key) ++i;
    }
    if (i == N || (seen & (1U << i)) != 0) bad(std::string(what) + " member \"" + std::string(key) + "\"");
    seen |= 1U << i;
    next = i + 1;
    read(i);
  }
  if ((seen | optional) != (1U << N) - 1) bad(std::string(what) + ": a member is missing");
}

template <typename T>
T word(JsonCursor& in, std::optional<T> (*parse)(std::string_view), const char* what) {
  const std::optional<T> value = parse(in.string());
  if (!value) bad(what);
  return *value;
}

Instant instant(JsonCursor& in) { return fromEpochMillis(in.integer()); }

std::optional<Instant> optionalInstant(JsonCursor& in) {
  if (in.null()) return std::nullopt;
  return instant(in);
}

Actor actor(JsonCursor& in) {
  Actor a;
  readObject(in, std::array<std::string_view, 3>{"userId", "account", "displayName"}, "actor", [&](std::size_t i) {
    (i == 0 ? a.userId : i == 1 ? a.account : a.displayName) = in.string();
  });
  return a;
}

// Format 1 keeps a non-integral number as `{"decimal": "<shortest round-trip text>"}`.
double decimal(JsonCursor& in) {
  std::string text;
  readObject(in, std::array<std::string_view, 1>{"decimal"}, "form member", [&](std::size_t) { text = in.string(); });
  double d = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc() || end != text.data() + text.size()) bad("form decimal");
  return d;
}

// An integral number; a fraction or exponent is not format 1's (its decimals are text).
std::int64_t formInteger(JsonCursor& in) {
  try {
    return in.integer();
  } catch (const std::runtime_error&) {
    bad("form number (format 1 keeps decimals as text)");
  }
}

FieldValue formValue(JsonCursor& in) {
  switch (in.peek()) {
    case 'n': in.null(); return Null{};
    case 't':
    case 'f': return in.boolean();
    case '"': return in.string();
    case '{': return decimal(in);
    case '[': bad("form member");
    default: return formInteger(in);
  }
}

// Forms and attachments are maps written in key order: each member goes in at the end.
template <typename Map, typename ReadValue>
Map readMap(JsonCursor& in, ReadValue readValue) {
  Map out;
  in.beginObject();
  std::string_view key;
  while (in.member(key)) {
    std::string name(key);  // the key's view ends with the next read
    auto value = readValue(name);
    out.emplace_hint(out.end(), std::move(name), std::move(value));
  }
  return out;
}

Attachment attachment(JsonCursor& in, std::string_view slot) {
  static constexpr std::array<std::string_view, 6> kNames{"fileName", "contentType", "size",
                                                          "sha256",   "uploadedAt",  "blobId"};
  Attachment x;
  x.slot = slot;
  readObject(in, kNames, "attachment", [&](std::size_t i) {
    switch (i) {
      case 0: x.fileName = in.string(); break;
      case 1: x.contentType = in.string(); break;
      case 2: x.size = in.integer(); break;
      case 3: x.sha256 = in.string(); break;
      case 4: x.uploadedAt = instant(in); break;
      default: x.blobId = in.integer(); break;
    }
  });
  return x;
}

FieldNote fieldNote(JsonCursor& in) {
  FieldNote n;
  readObject(in, std::array<std::string_view, 2>{"field", "note"}, "field note",
             [&](std::size_t i) { (i == 0 ? n.field : n.note) = in.string(); });
  return n;
}

Review review(JsonCursor& in) {
  static constexpr std::array<std::string_view, 6> kNames{"stage",      "decision", "opinion",
                                                          "fieldNotes", "reviewer", "at"};
  Review r;
  readObject(in, kNames, "review", [&](std::size_t i) {
    switch (i) {
      case 0: r.stage = word(in, parseReviewStage, "review stage"); break;
      case 1: r.decision = word(in, parseReviewDecision, "decision"); break;
      case 2: r.opinion = in.string(); break;
      case 3:
        in.beginArray();
        while (in.element()) r.fieldNotes.push_back(fieldNote(in));
        break;
      case 4: r.reviewer = actor(in); break;
      default: r.at = instant(in); break;
    }
  });
  return r;
}

Application application(JsonCursor& in) {
  static constexpr std::array<std::string_view, 10> kNames{
      "number", "type", "status", "stage", "form", "attachments", "savedAt", "submittedAt", "approvedAt", "reviews"};
  constexpr unsigned kMayBeAbsent = (1U << 7) | (1U << 8);  // submittedAt, approvedAt
  Application a;
  readObject(
      in, kNames, "application",
      [&](std::size_t i) {
        switch (i) {
          case 0: a.number = in.integer(); break;
          case 1: a.type = word(in, parseApplicationType, "type"); break;
          case 2: a.status = word(in, parseApplicationStatus, "status"); break;
          case 3:
            if (!in.null()) a.stage = word(in, parseReviewStage, "stage");
            break;
          case 4: a.form = readMap<FormData>(in, [&](const std::string&) { return formValue(in); }); break;
          case 5:
            a.attachments = readMap<AttachmentSet>(in, [&](const std::string& slot) { return attachment(in, slot); });
            break;
          case 6: a.savedAt = instant(in); break;
          case 7: a.submittedAt = optionalInstant(in); break;
          case 8: a.approvedAt = optionalInstant(in); break;
          default:
            in.beginArray();
            while (in.element()) a.reviews.push_back(review(in));
            break;
        }
      },
      kMayBeAbsent);
  return a;
}

ApprovedState approved(JsonCursor& in) {
  ApprovedState s;
  readObject(in, std::array<std::string_view, 3>{"application", "approvedAt", "validUntil"}, "approved state",
             [&](std::size_t i) {
               switch (i) {
                 case 0: s.application = application(in); break;
                 case 1: s.approvedAt = instant(in); break;
                 default: s.validUntil = word(in, parseIsoDate, "validUntil"); break;
               }
             });
  return s;
}

std::optional<LapseReason> parseLapseReason(std::string_view word) {
  if (word == "EXPIRED") return LapseReason::kExpired;
  if (word == "SUPERSEDED") return LapseReason::kSuperseded;
  return std::nullopt;
}

}  // namespace

Filing readStoredFiling(std::string_view json) {
  static constexpr std::array<std::string_view, 9> kNames{"v",       "uscc",   "approved",   "open",     "closed",
                                                          "deleted", "lapsed", "voidReason", "createdAt"};
  JsonCursor in(json);
  Filing f;
  readObject(in, kNames, "filing", [&](std::size_t i) {
    switch (i) {
      case 0:
        if (const std::int64_t v = in.integer(); v != kStoredFormatVersion) {
          throw std::runtime_error("stored filing has format version " + std::to_string(v) +
                                   ", which this build cannot read");
        }
        break;
      case 1: f.uscc = in.string(); break;
      case 2:
        if (!in.null()) f.approved = approved(in);
        break;
      case 3:
        if (!in.null()) f.open = application(in);
        break;
      case 4:
        in.beginArray();
        while (in.element()) f.closed.push_back(application(in));
        break;
      case 5: f.deleted = in.boolean(); break;
      case 6:
        if (!in.null()) f.lapsed = word(in, parseLapseReason, "lapsed reason");
        break;
      case 7:
        if (!in.null()) f.voidReason = in.string();
        break;
      default: f.createdAt = instant(in); break;
    }
  });
  in.end();
  return f;
}

bool hasFormatVersion(std::string_view json) {
  JsonCursor in(json);
  std::string_view key;
  try {
    in.beginObject();
    return in.member(key) && key == "v";
  } catch (const std::runtime_error&) {
    return false;  // not an object: the release-1 reader refuses it with the parser's reason
  }
}

}  // namespace ucf::adapters
