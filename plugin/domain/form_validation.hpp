#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "plugin/domain/calendar_date.hpp"
#include "plugin/domain/field_error.hpp"
#include "plugin/domain/form_data.hpp"
#include "plugin/domain/form_definition.hpp"

namespace ucf::domain {

/// How a form is being saved (docs/PRODUCT.md §4), which decides how strictly it is checked.
enum class SaveMode {
  kDraft,   ///< 暂存: only the members present are checked, for format.
  kSave,    ///< 保存信息: every required member present and valid; attachments may be missing.
  kSubmit,  ///< 上报: as kSave; attachments are checked separately by missingAttachments.
};

/// The `mode` query word: `draft`, `save`, `submit`.
std::string_view toString(SaveMode mode);
/// The mode of a query word (`draft`, `save`, `submit`), nullopt for any other word.
std::optional<SaveMode> parseSaveMode(std::string_view word);

/// The set of slot names that hold a file.
using FilledSlots = std::set<std::string, std::less<>>;

/// The format error of one member's value, or nullopt when the value is acceptable for the
/// field on its own (cross-field rules are not applied). `Null` is acceptable only for a
/// nullable field; a caller treats `Null` of any other field as absent before calling.
std::optional<FieldError> checkFieldValue(const FieldDefinition& field, const FieldValue& value);

/// Every problem of `form` under `mode`, at most one per member, in the order of `fields()`;
/// members the form does not have come last (unknown_field), by name. Rules (docs/PRODUCT.md §3, §4):
/// - draft: only members present are checked; absent members and `Null` are fine.
/// - save and submit: every required field must be present and not `Null` (required).
///   businessTerm.to is not required: absent or `Null` (长期) is fine.
/// - a `Null` for a non-nullable member counts as absent.
/// - each present value must pass checkFieldValue (type, length, options, pattern, checksum).
/// - cross-field, only when both members are present and individually valid:
///   usedCarExportStaffCount ≤ employeeCount (out_of_range on usedCarExportStaffCount),
///   establishedOn ≤ `today` (future_date), businessTerm.from ≤ businessTerm.to (date_order on
///   businessTerm.to).
/// Attachments are not checked here (see missingAttachments). Pure; never throws.
FieldErrors validateForm(const FormData& form, SaveMode mode, CalendarDate today);

/// The enterprise category the form declares, nullopt when absent or not a valid word.
std::optional<EnterpriseCategory> categoryOf(const FormData& form);

/// For submit: one missing_attachment error (`attachments.<slot>`, 请上传<label>) per slot that
/// the form's category uses and `filledSlots` lacks, in slot order. When the category is absent
/// or invalid (validateForm reports the category itself), every slot that some category uses,
/// the message of a one-category slot naming its category (（生产企业） / （流通企业）).
FieldErrors missingAttachments(const FormData& form, const FilledSlots& filledSlots);

/// Whether missingAttachments(form, filled) would be empty, without writing its messages:
/// `filled` is any set or map keyed by slot name with a transparent comparison (FilledSlots, an
/// application's attachments), so that a read need not copy the names into a FilledSlots first.
template <typename Slots>
bool everySlotFilled(const FormData& form, const Slots& filled) {
  const auto category = categoryOf(form);
  for (const auto& slot : slots()) {
    const bool required = category ? slotUsedBy(slot, *category) : slot.forManufacturer || slot.forDistributor;
    if (required && !filled.contains(slot.slot)) return false;
  }
  return true;
}

/// Whether the form could be submitted now: validateForm(kSubmit) and missingAttachments are
/// both empty. The slots are checked first: they are cheaper, and a form without its files
/// needs no validation to be incomplete.
template <typename Slots = FilledSlots>  // (the default lets `{}` mean no slot filled)
bool isComplete(const FormData& form, const Slots& filled, CalendarDate today) {
  return everySlotFilled(form, filled) && validateForm(form, SaveMode::kSubmit, today).empty();
}

/// Whether a file may be uploaded into `slot` for this form: false for an unknown slot and for a
/// slot that the form's category does not use; true for every known slot while the category is
/// not set (or not valid) yet.
bool slotAllowedFor(const FormData& form, std::string_view slot);

}  // namespace ucf::domain
