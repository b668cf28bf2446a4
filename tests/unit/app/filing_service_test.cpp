// FilingService's rules (docs/PRODUCT.md §2.1, §4, §5) through the in-memory store: no database,
// the same services and writer the plugin wires.
#include <catch2/catch.hpp>

#include "tests/support/memory_services.hpp"

using namespace ucf;
using namespace ucf::test;
using domain::ErrorCode;
using domain::FilingStatus;
using domain::SaveMode;

TEST_CASE("app: a 新增 saves as PENDING_SUBMIT, keeps a form version and starts a history chain") {
  MemoryServices s;
  auto f = must(s.filings.create(enterpriseCaller(), completeForm(), SaveMode::kSave, {}));
  CHECK(domain::rowStatus(f, s.filings.today()) == FilingStatus::kPendingSubmit);
  CHECK(s.store.formVersions() == 1);
  auto events = must(s.filings.history(enterpriseCaller(), f.id));
  REQUIRE(events.size() == 1);
  CHECK(events[0].prevHash == domain::kGenesisHash);
}

TEST_CASE("app: one open 新增 per filer and USCC; a stranger who typed the USCC is a filer of its own") {
  MemoryServices s;
  auto first = must(s.filings.create(enterpriseCaller(), completeForm(), SaveMode::kDraft, {}));
  CHECK(codeOf(s.filings.create(enterpriseCaller(kUscc, "ent-2"), completeForm(), SaveMode::kDraft, {})) ==
        ErrorCode::kOpenApplicationExists);
  app::Caller stranger = enterpriseCaller(kUscc, "stranger");
  stranger.verified = false;
  auto own = must(s.filings.create(stranger, completeForm(), SaveMode::kDraft, {}));
  CHECK(own.filer != first.filer);
}

TEST_CASE("app: an unverified account reaches only what it created, as if nothing else existed") {
  MemoryServices s;
  auto f = must(s.filings.create(enterpriseCaller(), completeForm(), SaveMode::kSave, {}));
  app::Caller stranger = enterpriseCaller(kUscc, "stranger");
  stranger.verified = false;
  CHECK(codeOf(s.filings.detail(stranger, f.id)) == ErrorCode::kNotFound);
  CHECK(codeOf(s.filings.submit(stranger, f.id, f.version)) == ErrorCode::kNotFound);
  CHECK(must(s.filings.list(stranger, {})).total == 0);
  CHECK(must(s.filings.list(enterpriseCaller(), {})).total == 1);
}

TEST_CASE("app: an edit needs the version read: missing is 428, older is 412, current saves") {
  MemoryServices s;
  auto f = must(s.filings.create(enterpriseCaller(), completeForm(), SaveMode::kSave, {}));
  domain::FormData patch{{"contact.name", std::string{"李四"}}};
  CHECK(codeOf(s.filings.edit(enterpriseCaller(), f.id, patch, SaveMode::kSave, std::nullopt)) ==
        ErrorCode::kPreconditionRequired);
  CHECK(codeOf(s.filings.edit(enterpriseCaller(), f.id, patch, SaveMode::kSave, f.version - 1)) == ErrorCode::kStale);
  auto edited = must(s.filings.edit(enterpriseCaller(), f.id, patch, SaveMode::kSave, f.version));
  CHECK(edited.version > f.version);
  CHECK(*domain::stringOf(edited.open->form, "contact.name") == "李四");
}

TEST_CASE("app: submitting without the required files names each missing slot; with them it is PENDING_REVIEW") {
  MemoryServices s;
  auto f = must(s.filings.create(enterpriseCaller(), completeForm(), SaveMode::kSave, {}));
  auto refused = s.filings.submit(enterpriseCaller(), f.id, f.version);
  REQUIRE(codeOf(refused) == ErrorCode::kValidation);
  CHECK(std::any_of(refused.error().fields.begin(), refused.error().fields.end(),
                    [](const auto& e) { return e.field.starts_with("attachments."); }));
  f = s.uploadAll(enterpriseCaller(), f);
  auto submitted = must(s.filings.submit(enterpriseCaller(), f.id, f.version));
  CHECK(domain::rowStatus(submitted, s.filings.today()) == FilingStatus::kPendingReview);
}

TEST_CASE("app: deleting is refused once submitted (409) and allowed again after a rejection") {
  MemoryServices s;
  auto f = s.submitted(enterpriseCaller());
  CHECK(codeOf(s.filings.remove(enterpriseCaller(), f.id, f.version)) == ErrorCode::kConflict);
  auto rejected =
      must(s.reviews.decide(reviewerCaller(), f.id, domain::ReviewDecision::kReject, "材料不全", {}, f.version));
  must(s.filings.remove(enterpriseCaller(), f.id, rejected.version));
  CHECK(codeOf(s.filings.detail(enterpriseCaller(), f.id)) == ErrorCode::kNotFound);
}

TEST_CASE("app: an upload is checked by its bytes: a PDF in an image slot is refused") {
  MemoryServices s;
  auto f = must(s.filings.create(enterpriseCaller(), completeForm(), SaveMode::kSave, {}));
  const domain::SlotDefinition* image = nullptr;
  for (const auto& slot : domain::slots()) {
    if (slot.kind == domain::SlotKind::kImage) image = &slot;
  }
  REQUIRE(image);
  CHECK(codeOf(s.upload(enterpriseCaller(), f.id, std::string(image->slot), {"scan.png", makePdf()})) ==
        ErrorCode::kUnsupportedContent);
}
