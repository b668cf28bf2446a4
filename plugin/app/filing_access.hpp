#pragma once

#include <string>
#include <vector>

#include "plugin/app/caller.hpp"
#include "plugin/domain/filing.hpp"
#include "plugin/domain/filing_lifecycle.hpp"

namespace ucf::app {

/// How far an enterprise caller may go with one filing (docs/PRODUCT.md §2.1), in increasing order.
enum class FilingAccess {
  kNone,    ///< Not theirs to know about: 404, absent from lists.
  kRead,    ///< Read it (detail, history, diff, attachments).
  kDelete,  ///< Read it and delete it (a verified principal on a filing an unverified account created).
  kAct,     ///< Everything: edit, submit, change, uploads (its creator; or verified on a verified filer's).
};

/// The enterprise caller's access to the filing of `uscc` filed by `filer`, created by the account
/// `creatorId`: an unverified account reaches only what it created; a verified principal every
/// filing of its USCC, wholly those of the verified filer. Deleted filings and other USCCs: kNone.
FilingAccess accessOf(const Caller& caller, const std::string& uscc, const std::string& filer,
                      const std::string& creatorId, bool deleted);

/// accessOf for a whole filing.
inline FilingAccess accessOf(const Caller& caller, const domain::Filing& f) {
  return accessOf(caller, f.uscc, f.filer, f.creator.userId, f.deleted);
}

/// The row's actions that `access` lets the caller take (detail always; delete from kDelete).
std::vector<domain::EnterpriseAction> permittedActions(std::vector<domain::EnterpriseAction> actions,
                                                       FilingAccess access);

}  // namespace ucf::app
