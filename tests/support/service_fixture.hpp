#pragma once

// What tests of the services need whatever store they run over: readable outcomes, a clock the
// test moves, the usual callers, sample files, and the steps that take a filing through its life
// (FilingSteps). Domain and app only, so the unit tests over the in-memory store share it with
// the SQLite and PostgreSQL store tests (store_fixture.hpp).

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "plugin/app/filing_service.hpp"
#include "plugin/app/review_service.hpp"
#include "plugin/domain/filing_lifecycle.hpp"
#include "reference/uscc.hpp"
#include "tests/unit/domain/file_samples.hpp"
#include "ucf/sdk/clock.hpp"

namespace Catch {
template <>
struct StringMaker<ucf::domain::ErrorCode> {
  static std::string convert(ucf::domain::ErrorCode code) {
    using ucf::domain::ErrorCode;
    switch (code) {
      case ErrorCode::kNotFound: return "kNotFound";
      case ErrorCode::kForbidden: return "kForbidden";
      case ErrorCode::kConflict: return "kConflict";
      case ErrorCode::kOpenApplicationExists: return "kOpenApplicationExists";
      case ErrorCode::kStale: return "kStale";
      case ErrorCode::kPreconditionRequired: return "kPreconditionRequired";
      case ErrorCode::kValidation: return "kValidation";
      case ErrorCode::kTooLarge: return "kTooLarge";
      case ErrorCode::kUnsupportedContent: return "kUnsupportedContent";
      case ErrorCode::kBadRequest: return "kBadRequest";
    }
    return "?";
  }
};
template <>
struct StringMaker<ucf::domain::FilingStatus> {
  static std::string convert(ucf::domain::FilingStatus status) { return std::string(ucf::domain::toString(status)); }
};
template <>
struct StringMaker<ucf::domain::CalendarDate> {
  static std::string convert(ucf::domain::CalendarDate date) { return ucf::domain::toIsoString(date); }
};
}  // namespace Catch

#include "tests/support/complete_form.hpp"

namespace ucf::test {

/// A TimeSource the test sets, and the clock migrations record their instant with; thread-safe.
class TestClock final : public app::TimeSource, public sdk::Clock {
 public:
  explicit TestClock(domain::Instant start) : now_(start) {}
  [[nodiscard]] domain::Instant now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void set(domain::Instant instant) {
    std::lock_guard lock(mutex_);
    now_ = instant;
  }
  void advance(std::chrono::milliseconds by) {
    std::lock_guard lock(mutex_);
    now_ += by;
  }

 private:
  mutable std::mutex mutex_;
  domain::Instant now_;
};

/// The clock of migrations applied in tests that move no clock of their own.
inline const TestClock& migrationClock() {
  static const TestClock clock{domain::Instant(std::chrono::hours(24 * 20000))};
  return clock;
}

/// `hour:minute` local time of a Shanghai calendar day (whole milliseconds, as the store keeps them).
inline domain::Instant shanghai(domain::CalendarDate day, int hour = 10, int minute = 0) {
  return domain::Instant(std::chrono::days(domain::toDayNumber(day))) + std::chrono::hours(hour - 8) +
         std::chrono::minutes(minute);
}

inline const std::string kUscc = "91350100M000100Y43";       // Fujian
inline const std::string kOtherUscc = "91110000600037341L";  // another enterprise
inline const domain::CalendarDate kStartDay{2026, 3, 1};

/// A valid USCC numbered `n` (0..89999), registered in Fujian.
inline std::string usccNumber(int n) {
  std::string first17 = "913501000000" + std::to_string(10000 + n);
  return first17 + reference::usccCheckCharacter(first17);
}

inline app::Caller enterpriseCaller(const std::string& uscc = kUscc, const std::string& userId = "ent-1") {
  app::Caller c;
  c.actor = {userId, "acct." + userId, "企业用户" + userId};
  c.enterprise = true;
  c.verified = true;  // acts for the enterprise (docs/PRODUCT.md §2.1): its accounts are one filer
  c.uscc = uscc;
  c.enterpriseName = "福州示例二手车出口有限公司";
  return c;
}

inline app::Caller authorityCaller(const std::string& userId, bool reviewer, bool rechecker,
                                   const std::string& province = "350000") {
  app::Caller c;
  c.actor = {userId, "acct." + userId, "审核人员" + userId};
  c.reviewer = reviewer;
  c.rechecker = rechecker;
  c.provinceCode = province;
  return c;
}
inline app::Caller reviewerCaller(const std::string& userId = "rev-1") { return authorityCaller(userId, true, false); }
inline app::Caller recheckerCaller(const std::string& userId = "chk-1") { return authorityCaller(userId, false, true); }
inline app::Caller supervisorCaller() {
  app::Caller c;
  c.actor = {"sup-1", "acct.sup-1", "商务部"};
  c.supervisor = true;
  return c;
}

/// Describes a failed outcome for a failure message.
template <typename T>
std::string describe(const domain::Outcome<T>& outcome) {
  if (outcome.ok()) return "ok";
  std::string out =
      Catch::StringMaker<domain::ErrorCode>::convert(outcome.error().code) + ": " + outcome.error().message;
  for (const auto& f : outcome.error().fields) out += " [" + f.field + " " + f.code + "]";
  return out;
}

/// The value of an outcome that must have succeeded.
template <typename T>
T must(domain::Outcome<T> outcome) {
  INFO("outcome: " << describe(outcome));
  REQUIRE(outcome.ok());
  return std::move(outcome).value();
}

/// The error code of an outcome that must have failed.
template <typename T>
domain::ErrorCode codeOf(const domain::Outcome<T>& outcome) {
  INFO("outcome: " << describe(outcome));
  REQUIRE_FALSE(outcome.ok());
  return outcome.error().code;
}

/// A valid sample file for a slot and the name it is uploaded under.
struct SampleFile {
  std::string fileName;
  std::string bytes;
};
inline SampleFile sampleFor(std::string_view slot, std::uint32_t size = 2) {
  const domain::SlotDefinition* def = domain::findSlot(slot);
  REQUIRE(def);
  if (def->kind == domain::SlotKind::kImage) return {std::string(slot) + ".png", makePng(size, size)};
  return {std::string(slot) + ".pdf", makePdf()};
}

/// The steps that take filings through their life with the services, over any store. `spool`
/// turns bytes into a finished upload as the store's adapters would.
struct FilingSteps {
  using Spool = std::function<std::unique_ptr<app::SpooledFile>(const std::string& bytes)>;
  FilingSteps(app::FilingService& filingService, app::ReviewService& reviewService, Spool spoolBytes)
      : filingsRef(filingService), reviewsRef(reviewService), spoolOf(std::move(spoolBytes)) {}

  app::FilingService& filingsRef;
  app::ReviewService& reviewsRef;
  Spool spoolOf;

  domain::Outcome<domain::Filing> upload(const app::Caller& caller, std::int64_t id, const std::string& slot,
                                         const SampleFile& file) {
    auto spooled = spoolOf(file.bytes);
    return filingsRef.completeUpload(caller, id, slot, file.fileName, *spooled);
  }

  /// Fills every slot the filing's category requires.
  domain::Filing uploadAll(const app::Caller& caller, domain::Filing filing) {
    const auto category = domain::categoryOf(filing.open->form).value_or(domain::EnterpriseCategory::kManufacturer);
    for (const auto& s : domain::slots()) {
      if (!domain::slotUsedBy(s, category)) continue;
      filing = must(upload(caller, filing.id, std::string(s.slot), sampleFor(s.slot)));
    }
    return filing;
  }

  /// A saved, complete 新增 with every file.
  domain::Filing complete(const app::Caller& caller,
                          domain::EnterpriseCategory category = domain::EnterpriseCategory::kManufacturer) {
    auto created = must(filingsRef.create(caller, completeForm(category, caller.uscc), domain::SaveMode::kSave, {}));
    return uploadAll(caller, std::move(created));
  }

  domain::Filing submitted(const app::Caller& caller) {
    domain::Filing f = complete(caller);
    return must(filingsRef.submit(caller, f.id, f.version));
  }

  /// Takes a submitted filing through first review and re-review.
  domain::Filing approve(const domain::Filing& f) {
    auto first =
        must(reviewsRef.decide(reviewerCaller(), f.id, domain::ReviewDecision::kApprove, "同意", {}, f.version));
    return must(
        reviewsRef.decide(recheckerCaller(), f.id, domain::ReviewDecision::kApprove, "同意", {}, first.version));
  }

  domain::Filing approved(const app::Caller& caller) { return approve(submitted(caller)); }
};

}  // namespace ucf::test
