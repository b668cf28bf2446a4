#include "plugin/app/filing_access.hpp"

#include <algorithm>

#include "plugin/domain/filer.hpp"

namespace ucf::app {

FilingAccess accessOf(const Caller& caller, const std::string& uscc, const std::string& filer,
                      const std::string& creatorId, bool deleted) {
  if (!caller.enterprise || caller.uscc.empty() || uscc != caller.uscc || deleted) return FilingAccess::kNone;
  // Editing, submitting and changing stay with the creator, whatever its trust is now.
  if (!creatorId.empty() && creatorId == caller.actor.userId) return FilingAccess::kAct;
  if (!caller.verified) return FilingAccess::kNone;
  return filer == domain::kVerifiedFiler ? FilingAccess::kAct : FilingAccess::kDelete;
}

std::vector<domain::EnterpriseAction> permittedActions(std::vector<domain::EnterpriseAction> actions,
                                                       FilingAccess access) {
  using domain::EnterpriseAction;
  if (access == FilingAccess::kAct) return actions;
  std::erase_if(actions, [&](EnterpriseAction a) {
    return a != EnterpriseAction::kDetail && !(a == EnterpriseAction::kDelete && access == FilingAccess::kDelete);
  });
  return actions;
}

}  // namespace ucf::app
