#include "plugin/domain/calendar_date.hpp"

#include <cstdio>
#include <cstring>

namespace ucf::domain {
namespace {

// Asia/Shanghai has been UTC+8 with no daylight saving time since 1991, and every instant this
// system handles is later than that, so a fixed offset is exact and needs no tz database.
constexpr std::chrono::hours kShanghaiOffset{8};

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 9999;

bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }

int digitsAt(std::string_view text, std::size_t pos, std::size_t count) {
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
  switch (month) {
    case 1:
    case 3:
    case 5:
    case 7:
    case 8:
    case 10:
    case 12: return 31;
    case 4:
    case 6:
    case 9:
    case 11: return 30;
    case 2: return isLeapYear(year) ? 29 : 28;
  }
  return 0;
}

std::optional<CalendarDate> parseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && !isAsciiDigit(text[i])) return std::nullopt;
  }
  CalendarDate date{digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2)};
  if (date.year < kMinYear || date.year > kMaxYear) return std::nullopt;
  if (date.month < 1 || date.month > 12) return std::nullopt;
  if (date.day < 1 || date.day > daysInMonth(date.year, date.month)) return std::nullopt;
  return date;
}

namespace {

// Writes `value` (>= 0) as exactly `width` digits ending before `end`; returns the new end.
char* putDigits(char* end, int value, int width) {
  for (int i = 0; i < width; ++i) {
    *--end = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return end;
}

// "YYYY-MM-DD" into out[0..10) for years 0..9999 (the hot path of every JSON response); false
// for other years, which the callers format with snprintf.
bool putDate(char* out, CalendarDate date) {
  if (date.year < 0 || date.year > 9999 || date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) {
    return false;
  }
  putDigits(out + 4, date.year, 4);
  out[4] = '-';
  putDigits(out + 7, date.month, 2);
  out[7] = '-';
  putDigits(out + 10, date.day, 2);
  return true;
}

}  // namespace

std::string toIsoString(CalendarDate date) {
  char buffer[48];
  if (putDate(buffer, date)) return std::string(buffer, 10);
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

// days_from_civil and civil_from_days after Howard Hinnant, "chrono-Compatible Low-Level Date
// Algorithms": eras of 400 years starting on 1 March, so the leap day is the last of the year.
std::int64_t toDayNumber(CalendarDate date) {
  const std::int64_t y = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = floorDiv(y, 400);
  const std::int64_t yoe = y - era * 400;                          // [0, 399]
  const std::int64_t mp = (date.month + 9) % 12;                   // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;      // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + doe - 719468;
}

CalendarDate fromDayNumber(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = floorDiv(z, 146097);
  const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

CalendarDate addDays(CalendarDate date, int days) { return fromDayNumber(toDayNumber(date) + days); }

int daysBetween(CalendarDate a, CalendarDate b) { return static_cast<int>(toDayNumber(b) - toDayNumber(a)); }

CalendarDate shanghaiDateOf(std::chrono::system_clock::time_point instant) {
  const auto local = std::chrono::floor<std::chrono::days>(instant + kShanghaiOffset);
  return fromDayNumber(local.time_since_epoch().count());
}

std::string toIsoInstant(std::chrono::system_clock::time_point instant) {
  using namespace std::chrono;
  const auto localMs = floor<milliseconds>(instant + kShanghaiOffset);
  const auto day = floor<days>(localMs);
  const std::int64_t msOfDay = (localMs - day).count();  // [0, 86'399'999]
  const CalendarDate date = fromDayNumber(day.time_since_epoch().count());
  const int ms = static_cast<int>(msOfDay);
  char buffer[96];
  if (putDate(buffer, date)) {
    // "YYYY-MM-DDTHH:MM:SS.mmm+08:00", 29 characters.
    buffer[10] = 'T';
    putDigits(buffer + 13, ms / 3'600'000, 2);
    buffer[13] = ':';
    putDigits(buffer + 16, ms / 60'000 % 60, 2);
    buffer[16] = ':';
    putDigits(buffer + 19, ms / 1000 % 60, 2);
    buffer[19] = '.';
    putDigits(buffer + 23, ms % 1000, 3);
    std::memcpy(buffer + 23, "+08:00", 6);  // NOLINT(bugprone-not-null-terminated-result): a sized buffer, not a C string
    return std::string(buffer, 29);
  }
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+08:00", date.year, date.month, date.day,
                static_cast<int>(msOfDay / 3'600'000), static_cast<int>(msOfDay / 60'000 % 60),
                static_cast<int>(msOfDay / 1000 % 60), static_cast<int>(msOfDay % 1000));
  return buffer;
}

CalendarDate validUntil(CalendarDate approvedOn) {
  CalendarDate anniversary{approvedOn.year + 1, approvedOn.month, approvedOn.day};
  // 29 February has no anniversary in a common year: it becomes 28 February.
  if (anniversary.day > daysInMonth(anniversary.year, anniversary.month)) {
    anniversary.day = daysInMonth(anniversary.year, anniversary.month);
  }
  return addDays(anniversary, -1);
}

bool hasLapsed(CalendarDate validUntilDate, CalendarDate today) { return today > validUntilDate; }

std::optional<int> daysToExpiry(std::optional<CalendarDate> validUntilDate, CalendarDate today, bool inForce) {
  if (!inForce || !validUntilDate || hasLapsed(*validUntilDate, today)) return std::nullopt;
  return daysBetween(today, *validUntilDate);
}

}  // namespace ucf::domain
