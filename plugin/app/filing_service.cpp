#include "plugin/app/filing_service.hpp"

#include <algorithm>

#include "plugin/app/filing_access.hpp"
#include "plugin/domain/file_content.hpp"
#include "plugin/domain/filer.hpp"
#include "plugin/domain/form_identity.hpp"
#include "plugin/domain/slot_refusal.hpp"

namespace ucf::app {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Outcome;
using Transitions = std::vector<domain::Transition>;

domain::DomainError notFound() { return fail(ErrorCode::kNotFound, "备案不存在"); }

domain::DomainError enterpriseOnly() { return fail(ErrorCode::kForbidden, "仅企业用户可办理二手车备案"); }

// A filing the caller may read but that another account created for its enterprise (docs/PRODUCT.md §2.1).
domain::DomainError notTheCreator() {
  return fail(ErrorCode::kConflict, "该备案由未经企业授权的账号创建，仅可查看或删除");
}

}  // namespace

domain::FormData FilingService::checkedForm(const Caller& caller, domain::FormData form, domain::SaveMode mode,
                                            domain::FieldErrors& errors) const {
  domain::FieldErrors ownership = domain::checkUsccOwnership(form, caller.uscc);
  errors.insert(errors.end(), ownership.begin(), ownership.end());
  domain::stampIdentity(form, caller.uscc);
  domain::FieldErrors validation = domain::validateForm(form, mode, writer_.today());
  errors.insert(errors.end(), validation.begin(), validation.end());
  return form;
}

Outcome<domain::Filing> FilingService::create(const Caller& caller, domain::FormData form, domain::SaveMode mode,
                                              std::optional<std::int64_t> fromId) {
  if (!caller.enterprise) return enterpriseOnly();
  domain::AttachmentSet attachments;
  if (fromId) {
    auto source = writer_.store().find(*fromId);
    if (!source || accessOf(caller, *source) == FilingAccess::kNone || !source->approved) return notFound();
    // The copied data is the approved filing's, with the body's members (if any) merged on top.
    form = domain::mergeForm(source->approved->application.form, form);
    attachments = source->approved->application.attachments;
  }
  domain::FieldErrors errors;
  form = checkedForm(caller, std::move(form), mode, errors);
  if (!errors.empty()) return domain::invalid(std::move(errors));
  domain::Filing filing = domain::newFiling(caller.uscc, std::move(form), writer_.now());
  filing.creator = caller.actor;
  filing.filer = domain::filerOf(caller.verified, caller.actor.userId);
  filing.open->attachments = std::move(attachments);
  return writer_.insert(std::move(filing), caller.actor,
                        {{domain::history_action::kCreate,
                          domain::FilingStatus::kPendingSubmit,
                          domain::FilingStatus::kPendingSubmit,
                          {},
                          fromId ? "复制自备案 " + std::to_string(*fromId) : ""}});
}

Outcome<domain::Filing> FilingService::updateOwn(const Caller& caller, std::int64_t id,
                                                 std::optional<std::int64_t> ifMatch, bool versionOptional,
                                                 const FilingWriter::Change& change, FilingAccess needed) {
  // A filing the caller may not know about is "not found"; one it may only read (or delete) is 409.
  auto known = [&](const domain::Filing& f) { return accessOf(caller, f) != FilingAccess::kNone; };
  return writer_.update(id, caller.actor, known, ifMatch, versionOptional,
                        [&](domain::Filing& f, FilingTransaction& tx, domain::Instant now,
                            domain::CalendarDate today) -> Outcome<Transitions> {
                          if (accessOf(caller, f) < needed) return notTheCreator();
                          return change(f, tx, now, today);
                        });
}

Outcome<domain::Filing> FilingService::edit(const Caller& caller, std::int64_t id, const domain::FormData& patch,
                                            domain::SaveMode mode, std::optional<std::int64_t> ifMatch) {
  return updateOwn(caller, id, ifMatch, false,
                   [&](domain::Filing& f, FilingTransaction&, domain::Instant now,
                       domain::CalendarDate today) -> Outcome<Transitions> {
                     if (!f.open) return fail(ErrorCode::kConflict, "当前状态不允许修改");
                     domain::FieldErrors errors;
                     domain::FormData merged =
                         checkedForm(caller, domain::mergeForm(f.open->form, patch), mode, errors);
                     if (!errors.empty()) return domain::invalid(std::move(errors));
                     auto t = domain::editOpen(f, std::move(merged), now, today);
                     if (!t.ok()) return t.error();
                     return Transitions{std::move(t.value())};
                   });
}

Outcome<domain::Filing> FilingService::remove(const Caller& caller, std::int64_t id,
                                              std::optional<std::int64_t> ifMatch) {
  return updateOwn(
      caller, id, ifMatch, false,
      [&](domain::Filing& f, FilingTransaction&, domain::Instant now,
          domain::CalendarDate today) -> Outcome<Transitions> {
        auto t = domain::deleteOpen(f, now, today);
        if (!t.ok()) return t.error();
        return Transitions{std::move(t.value())};
      },
      FilingAccess::kDelete);
}

Outcome<domain::Filing> FilingService::submit(const Caller& caller, std::int64_t id,
                                              std::optional<std::int64_t> ifMatch) {
  return updateOwn(caller, id, ifMatch, false,
                   [&](domain::Filing& f, FilingTransaction&, domain::Instant now,
                       domain::CalendarDate today) -> Outcome<Transitions> {
                     auto t = domain::submitOpen(f, now, today);
                     if (!t.ok()) return t.error();
                     return Transitions{std::move(t.value())};
                   });
}

Outcome<domain::Filing> FilingService::startChange(const Caller& caller, std::int64_t id, const domain::FormData& patch,
                                                   domain::SaveMode mode, std::optional<std::int64_t> ifMatch) {
  return updateOwn(caller, id, ifMatch, false,
                   [&](domain::Filing& f, FilingTransaction&, domain::Instant now,
                       domain::CalendarDate today) -> Outcome<Transitions> {
                     if (!domain::inForce(f, today)) {
                       return fail(ErrorCode::kConflict, "只有有效期内的已通过备案可以变更");
                     }
                     if (f.open) return fail(ErrorCode::kOpenApplicationExists, "该备案已有未完成的变更申请");
                     domain::FieldErrors errors;
                     domain::FormData merged =
                         checkedForm(caller, domain::mergeForm(f.approved->application.form, patch), mode, errors);
                     if (!errors.empty()) return domain::invalid(std::move(errors));
                     auto t = domain::startChange(f, std::move(merged), now, today);
                     if (!t.ok()) return t.error();
                     return Transitions{std::move(t.value())};
                   });
}

Outcome<const domain::SlotDefinition*> FilingService::prepareUpload(const Caller& caller, std::int64_t id,
                                                                    std::string_view slot) {
  const domain::SlotDefinition* definition = domain::findSlot(slot);
  if (!definition) return fail(ErrorCode::kNotFound, "没有名为 " + std::string(slot) + " 的材料");
  auto f = writer_.store().find(id);
  if (!f || accessOf(caller, *f) == FilingAccess::kNone) return notFound();
  if (accessOf(caller, *f) < FilingAccess::kAct) return notTheCreator();
  const domain::CalendarDate today = writer_.today();
  domain::FilingStatus status = domain::rowStatus(*f, today);
  if (status != domain::FilingStatus::kPendingSubmit && status != domain::FilingStatus::kRejected) {
    return fail(ErrorCode::kConflict, "当前状态不允许上传材料");
  }
  if (!domain::slotAllowedFor(f->open->form, slot)) {
    return domain::invalid({{"attachments." + std::string(slot), domain::field_code::kNotAllowed,
                             "当前企业类别不需要上传" + std::string(definition->label)}});
  }
  return definition;
}

Outcome<domain::Filing> FilingService::completeUpload(const Caller& caller, std::int64_t id, const std::string& slot,
                                                      const std::string& fileName, const SpooledFile& file) {
  const domain::SlotDefinition* definition = domain::findSlot(slot);
  if (!definition) return fail(ErrorCode::kNotFound, "没有名为 " + slot + " 的材料");
  auto inspected = domain::inspectContent(file, fileName, definition->kind);
  if (!inspected.ok()) {
    // Over the slot's limit is 413 (docs/PRODUCT.md §3.4), every other refusal 415.
    const bool tooLarge = inspected.error() == domain::ContentRefusal::kTooLarge;
    return domain::slotRefusal(tooLarge ? ErrorCode::kTooLarge : ErrorCode::kUnsupportedContent,
                               std::string(domain::messageOf(inspected.error())), *definition);
  }
  return updateOwn(caller, id, std::nullopt, true,
                   [&](domain::Filing& f, FilingTransaction& tx, domain::Instant now,
                       domain::CalendarDate today) -> Outcome<Transitions> {
                     if (f.open && !domain::slotAllowedFor(f.open->form, slot)) {
                       return domain::invalid({{"attachments." + slot, domain::field_code::kNotAllowed,
                                                "当前企业类别不需要上传" + std::string(definition->label)}});
                     }
                     domain::Attachment a;
                     a.slot = slot;
                     a.fileName = fileName;
                     a.contentType = inspected.value().mimeType;
                     a.size = file.size();
                     a.sha256 = file.sha256();
                     a.uploadedAt = now;
                     a.blobId = tx.storeBlob(file, a.contentType);
                     auto t = domain::putAttachment(f, std::move(a), today);
                     if (!t.ok()) return t.error();
                     return Transitions{std::move(t.value())};
                   });
}

Outcome<domain::Filing> FilingService::removeAttachment(const Caller& caller, std::int64_t id, std::string_view slot) {
  if (!domain::findSlot(slot)) return fail(ErrorCode::kNotFound, "没有名为 " + std::string(slot) + " 的材料");
  return updateOwn(caller, id, std::nullopt, true,
                   [&](domain::Filing& f, FilingTransaction&, domain::Instant now,
                       domain::CalendarDate today) -> Outcome<Transitions> {
                     auto t = domain::removeAttachment(f, slot, now, today);
                     if (!t.ok()) return t.error();
                     return Transitions{std::move(t.value())};
                   });
}

Outcome<OpenedAttachment> FilingService::openAttachment(const Caller& caller, std::int64_t id, std::string_view slot) {
  if (!domain::findSlot(slot)) return fail(ErrorCode::kNotFound, "没有名为 " + std::string(slot) + " 的材料");
  auto f = detail(caller, id);
  if (!f.ok()) return f.error();
  const domain::Application& current = domain::currentApplication(f.value());
  auto it = current.attachments.find(slot);
  if (it == current.attachments.end()) return fail(ErrorCode::kNotFound, "该材料尚未上传");
  return OpenedAttachment{it->second, writer_.store().openBlob(it->second.blobId)};
}

Outcome<domain::Filing> FilingService::detail(const Caller& caller, std::int64_t id) {
  auto f = writer_.store().find(id);
  if (!f || !visibleTo(caller, *f, writer_.today())) return notFound();
  return std::move(*f);
}

Outcome<EnterpriseListPage> FilingService::list(const Caller& caller, EnterpriseListQuery query) {
  if (!caller.enterprise) return enterpriseOnly();
  writer_.sweepLapsed();
  query.uscc = caller.uscc;
  // An unverified account lists what it created; a verified principal everything of its USCC.
  if (!caller.verified) query.createdBy = caller.actor.userId;
  query.today = writer_.today();
  return writer_.store().listForEnterprise(query);
}

Outcome<std::vector<domain::HistoryEvent>> FilingService::history(const Caller& caller, std::int64_t id) {
  auto f = detail(caller, id);
  if (!f.ok()) return f.error();
  return writer_.store().history(id);
}

Outcome<std::vector<domain::FieldChange>> FilingService::diff(const Caller& caller, std::int64_t id) {
  auto found = detail(caller, id);
  if (!found.ok()) return found.error();
  const domain::Filing& f = found.value();
  std::vector<domain::FieldChange> changes;
  if (!f.open || f.open->type != domain::ApplicationType::kChange || !f.approved) return changes;
  const domain::Application& before = f.approved->application;
  const domain::Application& after = *f.open;
  changes = domain::diffForms(before.form, after.form);
  for (const auto& s : domain::slots()) {
    auto b = before.attachments.find(s.slot);
    auto a = after.attachments.find(s.slot);
    std::optional<domain::FieldValue> from, to;
    if (b != before.attachments.end()) from = domain::FieldValue(b->second.sha256);
    if (a != after.attachments.end()) to = domain::FieldValue(a->second.sha256);
    if (from != to) changes.push_back({"attachments." + std::string(s.slot), from, to});
  }
  return changes;
}

Outcome<Qualification> FilingService::qualification(const Caller& caller) {
  if (!caller.enterprise) return enterpriseOnly();
  EnterpriseListQuery query;
  query.uscc = caller.uscc;
  query.today = writer_.today();
  query.expiringWithin = 366 * 2;  // every filing in force
  query.pageSize = 100;
  Qualification q;
  for (const auto& s : writer_.store().listForEnterprise(query).items) {
    if (!q.approvedAt || (s.approvedAt && *s.approvedAt > *q.approvedAt)) {
      q.qualified = true;
      // Being qualified is a public fact; which filing makes it so is not, to an unverified account.
      const bool known = accessOf(caller, s.uscc, s.filer, s.createdBy, s.deleted) != FilingAccess::kNone;
      q.filingId = known ? std::optional(s.id) : std::nullopt;
      q.approvedAt = s.approvedAt;
      q.validUntil = s.validUntil;
    }
  }
  return q;
}

}  // namespace ucf::app
