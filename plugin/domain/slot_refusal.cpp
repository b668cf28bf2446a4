#include "plugin/domain/slot_refusal.hpp"

namespace ucf::domain {

DomainError slotRefusal(ErrorCode code, std::string message, const SlotDefinition& slot) {
  DomainError e = fail(code, std::move(message));
  e.slot = std::string(slot.slot);
  e.limitBytes = maxBytesOf(slot.kind);
  for (auto ext : extensionsOf(slot.kind)) e.allowedExtensions.emplace_back(ext);
  return e;
}

}  // namespace ucf::domain
