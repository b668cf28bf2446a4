#include "plugin/app/filing_writer.hpp"

#include "plugin/app/filing_access.hpp"
#include "plugin/app/notification_plan.hpp"

namespace ucf::app {
namespace {

using domain::ErrorCode;
using domain::fail;

bool everSubmitted(const domain::Filing& f) {
  if (f.approved) return true;
  if (f.open && f.open->submittedAt) return true;
  for (const auto& c : f.closed) {
    if (c.submittedAt) return true;
  }
  return false;
}

}  // namespace

bool visibleTo(const Caller& caller, const domain::Filing& f, domain::CalendarDate /*today*/) {
  if (caller.enterprise && accessOf(caller, f) != FilingAccess::kNone) return true;
  if (!everSubmitted(f)) return false;
  if (caller.supervisor) return true;
  if ((caller.reviewer || caller.rechecker) && !caller.provinceCode.empty()) {
    return domain::reviewProvince(f) == caller.provinceCode;
  }
  return false;
}

domain::Outcome<domain::Filing> FilingWriter::update(std::int64_t id, const domain::Actor& actor,
                                                     const Visibility& visible, std::optional<std::int64_t> ifMatch,
                                                     bool versionOptional, const Change& change) {
  const domain::Instant now = time_.now();
  const domain::CalendarDate today = domain::shanghaiDateOf(now);
  try {
    // With If-Match, the compare-and-set on the version refuses what a lock would have made stale.
    auto tx = ifMatch ? store_.beginGuardedWrite() : store_.beginWrite();
    auto loaded = tx->load(id);
    if (!loaded || !visible(*loaded)) return fail(ErrorCode::kNotFound, "备案不存在");
    domain::Filing filing = std::move(*loaded);
    if (!ifMatch && !versionOptional) {
      return fail(ErrorCode::kPreconditionRequired, "请求须携带 If-Match 头（读取时的版本号）");
    }
    if (ifMatch && *ifMatch != filing.version) {
      return fail(ErrorCode::kStale, "备案已被他人修改，请刷新后重试");
    }
    const domain::Application before = domain::currentApplication(filing);
    const std::int64_t expected = filing.version;
    auto transitions = change(filing, *tx, now, today);
    if (!transitions.ok()) return transitions.error();
    const domain::Application& after = domain::currentApplication(filing);
    bool formChanged =
        before.form != after.form || before.attachments != after.attachments || before.number != after.number;
    saveWithin(*tx, filing, expected, actor, transitions.value(), now, today, formChanged);
    tx->commit();
    committed();
    return filing;
  } catch (const StaleVersion&) {
    return fail(ErrorCode::kStale, "备案已被他人修改，请刷新后重试");
  } catch (const UniqueViolation&) {
    return fail(ErrorCode::kOpenApplicationExists, "该企业已有未完成的新增申请");
  }
}

void FilingWriter::saveWithin(FilingTransaction& tx, domain::Filing& filing, std::int64_t expectedVersion,
                              const domain::Actor& actor, const std::vector<domain::Transition>& transitions,
                              domain::Instant now, domain::CalendarDate today, bool formChanged) {
  filing.version = expectedVersion + 1;
  filing.updatedAt = now;
  tx.save(filing, summarize(filing, today), expectedVersion);
  const domain::Application& current = domain::currentApplication(filing);
  if (formChanged) tx.appendFormVersion(filing.id, current, actor, now);
  recorder_.record(tx, filing.id, current.number, actor, transitions, now);
  // Stored with the change or not at all (docs/PRODUCT.md §7.2); handed to the host after commit.
  for (const auto& n : notificationsFor(filing, transitions, now)) tx.appendNotification(n);
}

domain::Outcome<domain::Filing> FilingWriter::insert(domain::Filing filing, const domain::Actor& actor,
                                                     const std::vector<domain::Transition>& transitions) {
  const domain::Instant now = time_.now();
  const domain::CalendarDate today = domain::shanghaiDateOf(now);
  try {
    auto tx = store_.beginWrite();
    if (tx->hasOpenNew(filing.uscc, filing.filer)) {
      return fail(ErrorCode::kOpenApplicationExists, "已有未完成的新增申请，请先完成或删除");
    }
    tx->insert(filing, summarize(filing, today));
    const domain::Application& current = domain::currentApplication(filing);
    tx->appendFormVersion(filing.id, current, actor, now);
    recorder_.record(*tx, filing.id, current.number, actor, transitions, now);
    tx->commit();
    return filing;
  } catch (const UniqueViolation&) {
    return fail(ErrorCode::kOpenApplicationExists, "已有未完成的新增申请，请先完成或删除");
  }
}

void FilingWriter::committed() const {
  if (onCommit_) onCommit_();
}

void FilingWriter::sweepLapsed(bool force) {
  const domain::Instant now = time_.now();
  const domain::CalendarDate today = domain::shanghaiDateOf(now);
  const std::int64_t day = domain::toDayNumber(today);
  if (!force && sweptDay_.exchange(day) == day) return;
  for (std::int64_t id : store_.dueToLapse(today)) {
    try {
      auto tx = store_.beginWrite();
      auto filing = tx->load(id);
      if (!filing) continue;
      const std::int64_t expected = filing->version;
      auto transitions = domain::lapseIfDue(*filing, now, today);
      if (transitions.empty()) continue;
      saveWithin(*tx, *filing, expected, kSystemActor, transitions, now, today, false);
      tx->commit();
      committed();
    } catch (const StaleVersion&) {
      // Another request changed it meanwhile; the next sweep (or its own write) will lapse it.
    }
  }
}

}  // namespace ucf::app
