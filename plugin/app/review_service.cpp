#include "plugin/app/review_service.hpp"

namespace ucf::app {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Outcome;
using Transitions = std::vector<domain::Transition>;

domain::DomainError notFound() { return fail(ErrorCode::kNotFound, "备案不存在"); }

// Out of scope is "not found" before anything else; in scope without the role is 403.
std::optional<domain::DomainError> refuseRole(FilingWriter& writer, const Caller& caller, std::int64_t id,
                                              bool hasRole, const char* why) {
  if (hasRole) return std::nullopt;
  auto f = writer.store().find(id);
  if (!f || !visibleTo(caller, *f, writer.today())) return notFound();
  return fail(ErrorCode::kForbidden, why);
}

}  // namespace

std::optional<domain::DomainError> refuseNonAuthority(const Caller& caller) {
  if (caller.authority()) return std::nullopt;
  return fail(ErrorCode::kForbidden, "仅商务主管部门可使用审核功能");
}

Outcome<ReviewListPage> ReviewService::list(const Caller& caller, ReviewListQuery query) {
  if (auto refused = refuseNonAuthority(caller)) return *refused;
  if (!caller.supervisor) {
    if (query.provinceCode && *query.provinceCode != caller.provinceCode) return ReviewListPage{};
    query.provinceCode = caller.provinceCode;
  }
  writer_.sweepLapsed();
  query.today = writer_.today();
  auto rows = writer_.store().listForReview(query);
  ReviewListPage page;
  if (static_cast<int>(rows.size()) > query.limit) {
    rows.resize(static_cast<std::size_t>(query.limit));
    page.nextCursor = rows.back().id;
  }
  page.items = std::move(rows);
  return page;
}

Outcome<domain::Filing> ReviewService::detail(const Caller& caller, std::int64_t id) {
  if (auto refused = refuseNonAuthority(caller)) return *refused;
  auto f = writer_.store().find(id);
  if (!f || !visibleTo(caller, *f, writer_.today())) return notFound();
  return std::move(*f);
}

Outcome<domain::Filing> ReviewService::decide(const Caller& caller, std::int64_t id, domain::ReviewDecision decision,
                                              std::string opinion, std::vector<domain::FieldNote> fieldNotes,
                                              std::optional<std::int64_t> ifMatch) {
  if (auto refused = refuseNonAuthority(caller)) return *refused;
  if (auto refused = refuseRole(writer_, caller, id, caller.reviewer || caller.rechecker, "仅审核或复核人员可办理审核")) {
    return *refused;
  }
  domain::ReviewAct act{caller.actor, caller.reviewer, caller.rechecker, decision, std::move(opinion),
                        std::move(fieldNotes)};
  auto inScope = [&](const domain::Filing& f) { return visibleTo(caller, f, writer_.today()); };
  return writer_.update(
      id, caller.actor, inScope, ifMatch, false,
      [&](domain::Filing& f, FilingTransaction& tx, domain::Instant now,
          domain::CalendarDate today) -> Outcome<Transitions> {
        const bool approvesNew = f.open && f.open->type == domain::ApplicationType::kNew &&
                                 f.open->stage == domain::ReviewStage::kRecheck &&
                                 decision == domain::ReviewDecision::kApprove;
        auto t = domain::decide(f, act, now, today);
        if (!t.ok()) return t.error();
        if (approvesNew) {
          // A newly approved 新增 replaces every earlier approved filing of the enterprise.
          for (std::int64_t other : tx.approvedFilingsOf(f.uscc, f.id, today)) {
            auto older = tx.load(other);
            if (!older) continue;
            const std::int64_t expected = older->version;
            auto lapsed = domain::supersede(*older, now, today);
            if (!lapsed.empty()) writer_.saveWithin(tx, *older, expected, caller.actor, lapsed, now, today, false);
          }
        }
        return std::move(t.value());
      });
}

Outcome<domain::Filing> ReviewService::revoke(const Caller& caller, std::int64_t id, std::string reason,
                                              std::optional<std::int64_t> ifMatch) {
  if (auto refused = refuseNonAuthority(caller)) return *refused;
  if (auto refused = refuseRole(writer_, caller, id, caller.supervisor, "仅商务部可撤销备案")) return *refused;
  auto inScope = [&](const domain::Filing& f) { return visibleTo(caller, f, writer_.today()); };
  return writer_.update(id, caller.actor, inScope, ifMatch, false,
                        [&](domain::Filing& f, FilingTransaction&, domain::Instant now,
                            domain::CalendarDate today) -> Outcome<Transitions> {
                          return domain::revoke(f, reason, now, today);
                        });
}

Outcome<HistoryRecorder::Verification> ReviewService::verifyHistory(const Caller& caller, std::int64_t id) {
  if (auto refused = refuseNonAuthority(caller)) return *refused;
  auto f = writer_.store().find(id);
  if (!f || !visibleTo(caller, *f, writer_.today())) return notFound();
  if (!caller.supervisor) return fail(ErrorCode::kForbidden, "仅商务部可校验历史记录");
  return writer_.recorder().verify(writer_.store().history(id));
}

}  // namespace ucf::app
