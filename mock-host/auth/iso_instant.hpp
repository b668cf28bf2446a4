#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ucf::host::auth {

/// `t` as ISO 8601 in UTC with seconds: `2026-03-01T01:00:00Z`.
std::string formatInstant(std::chrono::system_clock::time_point t);

/// An ISO 8601 instant with an offset: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; nullopt for
/// anything else (a date without time or offset is not an instant).
std::optional<std::chrono::system_clock::time_point> parseInstant(std::string_view text);

}  // namespace ucf::host::auth
