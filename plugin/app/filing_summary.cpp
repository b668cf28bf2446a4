#include "plugin/app/filing_summary.hpp"

#include "plugin/domain/filing_lifecycle.hpp"

namespace ucf::app {

FilingSummary summarize(const domain::Filing& f, domain::CalendarDate today) {
  FilingSummary s;
  s.id = f.id;
  s.uscc = f.uscc;
  s.filer = f.filer;
  s.createdBy = f.creator.userId;
  const domain::Application& current = domain::currentApplication(f);
  if (const auto* name = domain::stringOf(current.form, "enterpriseName")) s.enterpriseName = *name;
  s.provinceCode = domain::reviewProvince(f);
  s.applicationType = domain::rowApplicationType(f);
  s.status = domain::rowStatus(f, today);
  if (f.open) s.reviewStage = f.open->stage;
  s.complete = domain::isComplete(current, today);
  s.everSubmitted = f.approved.has_value() || current.submittedAt.has_value();
  for (const auto& c : f.closed) s.everSubmitted = s.everSubmitted || c.submittedAt.has_value();
  s.deleted = f.deleted;
  s.savedAt = current.savedAt;
  s.submittedAt = current.submittedAt;
  if (f.approved) {
    s.approvedAt = f.approved->approvedAt;
    s.validUntil = f.approved->validUntil;
  }
  s.version = f.version;
  s.updatedAt = f.updatedAt;
  return s;
}

domain::FilingStatus statusOn(const FilingSummary& s, domain::CalendarDate today) {
  using domain::FilingStatus;
  if (s.status == FilingStatus::kVoid || s.status == FilingStatus::kLapsed) return s.status;
  if (s.validUntil && domain::hasLapsed(*s.validUntil, today)) return FilingStatus::kLapsed;
  return s.status;
}

}  // namespace ucf::app
