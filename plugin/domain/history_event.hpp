#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/domain/filing.hpp"
#include "plugin/domain/filing_status.hpp"

namespace ucf::domain {

/// One entry of a filing's history (docs/PRODUCT.md §6 History, §10). Appended in the same transaction as
/// the change it records; never updated. Holds no floating-point numbers.
struct HistoryEvent {
  std::int64_t seq = 0;                   ///< 1, 2, 3, ... per filing
  Instant at;
  Actor actor;
  std::string action;                     ///< a history_action word
  std::int64_t application = 0;           ///< Application::number it concerns
  std::optional<FilingStatus> fromStatus;
  std::optional<FilingStatus> toStatus;
  std::vector<std::string> changedFields;
  std::string note;                       ///< opinion, reason, or empty
  std::string prevHash;                   ///< 64 zeros for the first event
  std::string hash;                       ///< SHA-256 (hex) of hashInput()
};

/// The previous-hash of a filing's first event.
inline const std::string kGenesisHash(64, '0');

/// The event without `hash` as JSON: keys sorted, no spaces, non-ASCII written as itself.
std::string canonicalJson(const HistoryEvent& event);
/// What `hash` is the SHA-256 of: `prevHash + "\n" + canonicalJson(event)`.
std::string hashInput(const HistoryEvent& event);

}  // namespace ucf::domain
