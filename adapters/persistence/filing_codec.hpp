#pragma once

#include <string>
#include <string_view>

#include "plugin/domain/filing.hpp"
#include "plugin/domain/history_event.hpp"

namespace ucf::adapters {

/// The filing aggregate as the JSON document stored in `ucf_filing.state` (instants as epoch
/// milliseconds, forms flat with dotted member names), and back. Decoding throws on a document
/// this code did not write (an infrastructure failure, not user input).
std::string encodeFiling(const domain::Filing& filing);
domain::Filing decodeFiling(std::string_view json);

/// One application as stored in `ucf_form_version.content`.
std::string encodeApplication(const domain::Application& application);

/// A history event from its stored canonical content and hash.
domain::HistoryEvent decodeHistoryEvent(std::string_view content, std::string hash);

/// Epoch milliseconds of an instant, and back.
std::int64_t toEpochMillis(domain::Instant instant);
domain::Instant fromEpochMillis(std::int64_t millis);

/// Parses the `YYYY-MM-DDTHH:MM:SS.mmm+08:00` form that toIsoInstant writes.
domain::Instant parseIsoInstant(std::string_view text);

}  // namespace ucf::adapters
