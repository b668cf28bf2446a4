#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "mock-host/auth/host_database.hpp"
#include "ucf/sdk/clock.hpp"

namespace ucf::host::auth {

/// Captchas of the login and registration forms: issued with a random single-use id, kept in
/// the host database (so any host over a shared PostgreSQL checks them), deleted when checked,
/// right or wrong. Thread-safe.
class CaptchaStore {
 public:
  /// How long an issued captcha may be answered.
  static constexpr std::chrono::minutes kLifetime{5};
  /// Symbols per captcha.
  static constexpr std::size_t kLength = 5;

  /// A freshly issued captcha.
  struct Issued {
    std::string id;      ///< Single-use id the form sends back as `captchaId`.
    std::string answer;  ///< What the image shows (dev mode hands it out).
    std::string svg;     ///< The image.
  };

  /// Outcome of checking an answer.
  enum class Check {
    kPassed,   ///< The answer matched; the captcha is used up.
    kWrong,    ///< The answer did not match; the captcha is used up.
    kUnknown,  ///< No such captcha: never issued, already used, or expired.
  };

  /// Keeps at most `maxPending` unanswered captchas.
  CaptchaStore(HostDatabase& database, const sdk::Clock& clock, std::int64_t maxPending)
      : database_(database), clock_(clock), maxPending_(maxPending) {}

  /// Issues a captcha (and drops expired ones, and the oldest beyond the bound).
  Issued issue();
  /// Checks `answer` (case-insensitive, surrounding spaces ignored) and uses the captcha up.
  Check consume(std::string_view id, std::string_view answer);

 private:
  HostDatabase& database_;
  const sdk::Clock& clock_;
  std::int64_t maxPending_;
};

}  // namespace ucf::host::auth
