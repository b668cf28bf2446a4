#pragma once

#include <string>

#include "plugin/domain/domain_error.hpp"
#include "plugin/domain/form_definition.hpp"

namespace ucf::domain {

/// A refusal of a file for `slot` (kTooLarge → 413, kUnsupportedContent → 415) that names the
/// slot, its byte limit and the extensions it takes, as docs/PRODUCT.md §3.4 asks of both.
DomainError slotRefusal(ErrorCode code, std::string message, const SlotDefinition& slot);

}  // namespace ucf::domain
