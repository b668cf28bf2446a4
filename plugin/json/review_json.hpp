#pragma once

#include <vector>

#include "plugin/domain/filing.hpp"
#include "plugin/json/json_writer.hpp"

namespace ucf::json {

/// How an instant is written: the API shows ISO 8601 in +08:00, the stored aggregate keeps epoch
/// milliseconds. Everything else about a review is the same document in both.
using InstantWriter = void (*)(JsonWriter& out, domain::Instant instant);

/// `{userId, account, displayName}` as the next value of `out`.
void writeActor(JsonWriter& out, const domain::Actor& actor);

/// `[{stage, decision, opinion, fieldNotes: [{field, note}], reviewer, at}]` as the next value.
void writeReviews(JsonWriter& out, const std::vector<domain::Review>& reviews, InstantWriter at);

}  // namespace ucf::json
