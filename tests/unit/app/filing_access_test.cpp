// Who may do what with a filing (docs/PRODUCT.md §2.1): app/filing_access, the one rule every enterprise use
// case asks.
#include <catch2/catch.hpp>

#include "plugin/app/filing_access.hpp"
#include "plugin/domain/filer.hpp"

using ucf::app::accessOf;
using ucf::app::Caller;
using ucf::app::FilingAccess;
using ucf::app::permittedActions;
using ucf::domain::EnterpriseAction;
using ucf::domain::filerOf;
using ucf::domain::Filing;

namespace {

constexpr const char* kUscc = "91350100M000100Y43";

Caller enterprise(const std::string& userId, bool verified, const std::string& uscc = kUscc) {
  Caller c;
  c.actor = {userId, "acct-" + userId, userId};
  c.enterprise = true;
  c.verified = verified;
  c.uscc = uscc;
  return c;
}

Filing filedBy(const std::string& creatorId, bool creatorVerified) {
  Filing f;
  f.uscc = kUscc;
  f.creator = {creatorId, "acct-" + creatorId, creatorId};
  f.filer = filerOf(creatorVerified, creatorId);
  return f;
}

}  // namespace

TEST_CASE("filers: all verified principals of a USCC are one, each unverified account one of its own") {
  CHECK(filerOf(true, "u-1") == filerOf(true, "u-2"));
  CHECK(filerOf(false, "u-1") != filerOf(false, "u-2"));
  CHECK(filerOf(false, "u-1") != filerOf(true, "u-1"));
}

TEST_CASE("access to the verified filer's filing") {
  const Filing f = filedBy("ca-1", true);
  CHECK(accessOf(enterprise("ca-1", true), f) == FilingAccess::kAct);
  CHECK(accessOf(enterprise("ca-2", true), f) == FilingAccess::kAct);  // another verified principal
  CHECK(accessOf(enterprise("stranger", false), f) == FilingAccess::kNone);
  CHECK(accessOf(enterprise("ca-9", true, "91110000600037341L"), f) == FilingAccess::kNone);
  // Its creator keeps it after its trust was withdrawn.
  CHECK(accessOf(enterprise("ca-1", false), f) == FilingAccess::kAct);
}

TEST_CASE("access to an unverified account's filing") {
  const Filing f = filedBy("stranger", false);
  CHECK(accessOf(enterprise("stranger", false), f) == FilingAccess::kAct);
  CHECK(accessOf(enterprise("stranger", true), f) == FilingAccess::kAct);  // trusted later: still its own
  CHECK(accessOf(enterprise("ca-1", true), f) == FilingAccess::kDelete);
  CHECK(accessOf(enterprise("other", false), f) == FilingAccess::kNone);
}

TEST_CASE("deleted filings and callers who are not enterprises reach nothing") {
  Filing f = filedBy("ca-1", true);
  Caller reviewer;
  reviewer.actor = {"ca-1", "rev", "rev"};
  reviewer.reviewer = true;
  reviewer.uscc = kUscc;
  CHECK(accessOf(reviewer, f) == FilingAccess::kNone);
  f.deleted = true;
  CHECK(accessOf(enterprise("ca-1", true), f) == FilingAccess::kNone);
  // A filing with no recorded creator is nobody's own.
  Filing anonymous = filedBy("", false);
  CHECK(accessOf(enterprise("", false), anonymous) == FilingAccess::kNone);
}

TEST_CASE("a row's actions narrowed to the caller's access") {
  const std::vector<EnterpriseAction> all{EnterpriseAction::kEdit, EnterpriseAction::kDelete, EnterpriseAction::kSubmit,
                                          EnterpriseAction::kDetail};
  CHECK(permittedActions(all, FilingAccess::kAct) == all);
  CHECK(permittedActions(all, FilingAccess::kDelete) ==
        std::vector<EnterpriseAction>{EnterpriseAction::kDelete, EnterpriseAction::kDetail});
  CHECK(permittedActions(all, FilingAccess::kRead) == std::vector<EnterpriseAction>{EnterpriseAction::kDetail});
  CHECK(permittedActions({EnterpriseAction::kDetail, EnterpriseAction::kChange}, FilingAccess::kDelete) ==
        std::vector<EnterpriseAction>{EnterpriseAction::kDetail});
}
