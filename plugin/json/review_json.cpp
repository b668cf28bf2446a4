#include "plugin/json/review_json.hpp"

namespace ucf::json {

void writeActor(JsonWriter& out, const domain::Actor& actor) {
  out.beginObject()
      .member("userId", actor.userId)
      .member("account", actor.account)
      .member("displayName", actor.displayName)
      .endObject();
}

void writeReviews(JsonWriter& out, const std::vector<domain::Review>& reviews, InstantWriter at) {
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
    writeActor(out, r.reviewer);
    out.key("at");
    at(out, r.at);
    out.endObject();
  }
  out.endArray();
}

}  // namespace ucf::json
