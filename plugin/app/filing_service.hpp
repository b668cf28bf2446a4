#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plugin/app/caller.hpp"
#include "plugin/app/filing_access.hpp"
#include "plugin/app/filing_store.hpp"
#include "plugin/app/filing_writer.hpp"
#include "plugin/domain/form_definition.hpp"
#include "plugin/domain/form_merge.hpp"
#include "plugin/domain/form_validation.hpp"

namespace ucf::app {

/// What `GET /qualification` answers.
struct Qualification {
  bool qualified = false;
  std::optional<std::int64_t> filingId;
  std::optional<domain::Instant> approvedAt;
  std::optional<domain::CalendarDate> validUntil;
};

/// A stored attachment opened for download.
struct OpenedAttachment {
  domain::Attachment attachment;
  std::unique_ptr<BlobReader> reader;
};

/// The enterprise's use cases (docs/PRODUCT.md §4, §5, §6) and the reads shared with authorities. Each call
/// is one transaction, takes the caller, and enforces who acts for the enterprise (docs/PRODUCT.md §2.1,
/// filing_access.hpp): a filing the caller may not know about is "not found". Thread-safe (state lives in the store).
class FilingService {
 public:
  explicit FilingService(FilingWriter& writer) : writer_(writer) {}

  /// 新增: a new application in `mode` (draft or save); with `fromId`, an empty form copies the
  /// form and attachments of that approved filing of the enterprise.
  domain::Outcome<domain::Filing> create(const Caller& caller, domain::FormData form, domain::SaveMode mode,
                                         std::optional<std::int64_t> fromId);
  /// 修改: merges `patch` onto the open application and checks the result per `mode`.
  domain::Outcome<domain::Filing> edit(const Caller& caller, std::int64_t id, const domain::FormData& patch,
                                       domain::SaveMode mode, std::optional<std::int64_t> ifMatch);
  /// 删除 the open application.
  domain::Outcome<domain::Filing> remove(const Caller& caller, std::int64_t id, std::optional<std::int64_t> ifMatch);
  /// 上报.
  domain::Outcome<domain::Filing> submit(const Caller& caller, std::int64_t id, std::optional<std::int64_t> ifMatch);
  /// 变更: opens a change with the approved data merged with `patch`.
  domain::Outcome<domain::Filing> startChange(const Caller& caller, std::int64_t id, const domain::FormData& patch,
                                              domain::SaveMode mode, std::optional<std::int64_t> ifMatch);

  /// Before reading an upload's body: the slot exists (404), the caller may change the filing
  /// (404), the slot is used by its category (422) and the application is editable (409).
  domain::Outcome<const domain::SlotDefinition*> prepareUpload(const Caller& caller, std::int64_t id,
                                                               std::string_view slot);
  /// Stores a spooled upload in `slot` after checking its content by its bytes (415; 413 when it is
  /// over the slot's limit).
  domain::Outcome<domain::Filing> completeUpload(const Caller& caller, std::int64_t id, const std::string& slot,
                                                 const std::string& fileName, const SpooledFile& file);
  /// Removes the file of `slot`.
  domain::Outcome<domain::Filing> removeAttachment(const Caller& caller, std::int64_t id, std::string_view slot);
  /// Opens the file of `slot` of the current application (or of the approved data) for download.
  domain::Outcome<OpenedAttachment> openAttachment(const Caller& caller, std::int64_t id, std::string_view slot);

  /// The filing, if the caller may see it.
  domain::Outcome<domain::Filing> detail(const Caller& caller, std::int64_t id);
  /// The enterprise's own filings.
  domain::Outcome<EnterpriseListPage> list(const Caller& caller, EnterpriseListQuery query);
  /// Every history event of a filing the caller may see.
  domain::Outcome<std::vector<domain::HistoryEvent>> history(const Caller& caller, std::int64_t id);
  /// The open change against the approved data, field by field and slot by slot (by SHA-256).
  domain::Outcome<std::vector<domain::FieldChange>> diff(const Caller& caller, std::int64_t id);
  /// Whether the enterprise holds a filing in force today.
  domain::Outcome<Qualification> qualification(const Caller& caller);

  [[nodiscard]] domain::CalendarDate today() const { return writer_.today(); }

 private:
  domain::Outcome<domain::Filing> updateOwn(const Caller& caller, std::int64_t id, std::optional<std::int64_t> ifMatch,
                                            bool versionOptional, const FilingWriter::Change& change,
                                            FilingAccess needed = FilingAccess::kAct);
  domain::FormData checkedForm(const Caller& caller, domain::FormData form, domain::SaveMode mode,
                               domain::FieldErrors& errors) const;

  FilingWriter& writer_;
};

}  // namespace ucf::app
