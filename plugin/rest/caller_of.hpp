#pragma once

#include "plugin/app/caller.hpp"
#include "ucf/sdk/principal.hpp"

namespace ucf::rest {

/// The services' view of the host's principal.
inline app::Caller callerOf(const sdk::Principal& p) {
  app::Caller c;
  c.actor = {p.userId, p.account, p.displayName};
  c.enterprise = p.has(sdk::Role::kEnterprise);
  c.reviewer = p.has(sdk::Role::kReviewer);
  c.rechecker = p.has(sdk::Role::kRechecker);
  c.supervisor = p.has(sdk::Role::kSupervisor);
  c.verified = c.enterprise && p.verified;
  c.uscc = p.uscc;
  c.enterpriseName = p.enterpriseName;
  c.provinceCode = p.provinceCode;
  return c;
}

}  // namespace ucf::rest
