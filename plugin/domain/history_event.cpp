#include "plugin/domain/history_event.hpp"

#include <cstdio>

#include "plugin/domain/calendar_date.hpp"

namespace ucf::domain {
namespace {

// A JSON string: escapes what RFC 8259 requires and nothing else (UTF-8 passes through).
void appendString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void appendStatus(std::string& out, const std::optional<FilingStatus>& s) {
  if (s) {
    appendString(out, toString(*s));
  } else {
    out += "null";
  }
}

}  // namespace

std::string canonicalJson(const HistoryEvent& e) {
  // Keys in byte order: action, actor{account, displayName, userId}, application, at,
  // changedFields, fromStatus, note, prevHash, seq, toStatus.
  std::string out = "{\"action\":";
  appendString(out, e.action);
  out += ",\"actor\":{\"account\":";
  appendString(out, e.actor.account);
  out += ",\"displayName\":";
  appendString(out, e.actor.displayName);
  out += ",\"userId\":";
  appendString(out, e.actor.userId);
  out += "},\"application\":" + std::to_string(e.application);
  out += ",\"at\":";
  appendString(out, toIsoInstant(e.at));
  out += ",\"changedFields\":[";
  for (std::size_t i = 0; i < e.changedFields.size(); ++i) {
    if (i) out.push_back(',');
    appendString(out, e.changedFields[i]);
  }
  out += "],\"fromStatus\":";
  appendStatus(out, e.fromStatus);
  out += ",\"note\":";
  appendString(out, e.note);
  out += ",\"prevHash\":";
  appendString(out, e.prevHash);
  out += ",\"seq\":" + std::to_string(e.seq);
  out += ",\"toStatus\":";
  appendStatus(out, e.toStatus);
  out.push_back('}');
  return out;
}

std::string hashInput(const HistoryEvent& e) { return e.prevHash + "\n" + canonicalJson(e); }

}  // namespace ucf::domain
