#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ucf::domain {

/// A day of the proleptic Gregorian calendar, with no time and no zone. Compared field by
/// field, so earlier dates are less. A value made by this header's functions is a real date;
/// one built by hand is the caller's responsibility.
struct CalendarDate {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted <=>.
  friend auto operator<=>(const CalendarDate&, const CalendarDate&) = default;
};

/// Whether `year` is a Gregorian leap year.
bool isLeapYear(int year);
/// Days in `month` (1..12) of `year`; 0 for a month outside 1..12.
int daysInMonth(int year, int month);

/// The date of a strict `YYYY-MM-DD` string: exactly ten characters, ASCII digits, a real
/// calendar date, year 1900..9999. nullopt for anything else (no signs, no spaces, no time).
std::optional<CalendarDate> parseIsoDate(std::string_view text);
/// `YYYY-MM-DD`, zero-padded.
std::string toIsoString(CalendarDate date);

/// Days since 1970-01-01 (negative before), for a real date.
std::int64_t toDayNumber(CalendarDate date);
/// The date of a day number (inverse of toDayNumber).
CalendarDate fromDayNumber(std::int64_t days);
/// `date` moved by `days` (negative goes back), across months and years.
CalendarDate addDays(CalendarDate date, int days);
/// b − a in days: positive when b is after a, 0 for the same day.
int daysBetween(CalendarDate a, CalendarDate b);

/// The calendar date in Asia/Shanghai at `instant`.
CalendarDate shanghaiDateOf(std::chrono::system_clock::time_point instant);
/// `instant` as ISO 8601 in Shanghai time with milliseconds and offset, e.g.
/// `2026-03-01T09:30:00.123+08:00` (sub-millisecond digits are truncated toward the past).
std::string toIsoInstant(std::chrono::system_clock::time_point instant);

/// The last day a filing approved on `approvedOn` is in force (docs/PRODUCT.md §5 rule 1): the approval date
/// plus one calendar year (29 February becomes 28 February), minus one day.
/// 2026-03-01 → 2027-02-28; 2028-02-29 → 2029-02-27; 2026-01-01 → 2026-12-31.
CalendarDate validUntil(CalendarDate approvedOn);
/// Whether a filing valid until `validUntilDate` has lapsed on `today` (today is after it).
bool hasLapsed(CalendarDate validUntilDate, CalendarDate today);
/// daysToExpiry of docs/PRODUCT.md §5 rule 1: `validUntil − today` in days (0 on the last valid day) while
/// the filing is in force; nullopt when `inForce` is false, when there is no validUntil, or when
/// today is past it (the filing reads LAPSED then, so it is not in force).
std::optional<int> daysToExpiry(std::optional<CalendarDate> validUntilDate, CalendarDate today, bool inForce);

}  // namespace ucf::domain
