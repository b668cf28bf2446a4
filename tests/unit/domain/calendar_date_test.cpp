#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "plugin/domain/calendar_date.hpp"

using namespace ucf::domain;
using namespace std::chrono;

namespace Catch {
template <>
struct StringMaker<CalendarDate> {
  static std::string convert(const CalendarDate& d) {
    return std::to_string(d.year) + "-" + std::to_string(d.month) + "-" + std::to_string(d.day);
  }
};
}  // namespace Catch

namespace {

CalendarDate date(int y, int m, int d) { return {y, m, d}; }

CalendarDate iso(std::string_view text) {
  auto parsed = parseIsoDate(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

// An instant from a UTC wall time, built without the code under test.
system_clock::time_point utc(int y, unsigned m, unsigned d, int hh, int mm, int ss, int ms = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss} + milliseconds{ms};
}

}  // namespace

TEST_CASE("leap years and month lengths") {
  CHECK(isLeapYear(2024));
  CHECK(isLeapYear(2000));
  CHECK(isLeapYear(2028));
  CHECK_FALSE(isLeapYear(1900));
  CHECK_FALSE(isLeapYear(2100));
  CHECK_FALSE(isLeapYear(2026));
  CHECK(daysInMonth(2024, 2) == 29);
  CHECK(daysInMonth(2026, 2) == 28);
  CHECK(daysInMonth(2100, 2) == 28);
  CHECK(daysInMonth(2026, 1) == 31);
  CHECK(daysInMonth(2026, 4) == 30);
  CHECK(daysInMonth(2026, 12) == 31);
  CHECK(daysInMonth(2026, 0) == 0);
  CHECK(daysInMonth(2026, 13) == 0);
}

TEST_CASE("parseIsoDate accepts real YYYY-MM-DD dates") {
  CHECK(parseIsoDate("2026-03-01") == date(2026, 3, 1));
  CHECK(parseIsoDate("2024-02-29") == date(2024, 2, 29));
  CHECK(parseIsoDate("2000-02-29") == date(2000, 2, 29));
  CHECK(parseIsoDate("1900-01-01") == date(1900, 1, 1));
  CHECK(parseIsoDate("9999-12-31") == date(9999, 12, 31));
  CHECK(parseIsoDate("2026-04-30") == date(2026, 4, 30));
  CHECK(parseIsoDate("2026-12-31") == date(2026, 12, 31));
}

TEST_CASE("parseIsoDate refuses anything else") {
  for (std::string_view bad : {"",
                               "2026-3-1",
                               "2026-03-1",
                               "2026/03/01",
                               "20260301",
                               "2026-03-01T00:00:00",
                               " 2026-03-01",
                               "2026-03-01 ",
                               "2026-02-29",
                               "1900-02-29",
                               "2100-02-29",
                               "2026-04-31",
                               "2026-06-31",
                               "2026-09-31",
                               "2026-11-31",
                               "2026-01-32",
                               "2026-13-01",
                               "2026-00-10",
                               "2026-01-00",
                               "1899-12-31",
                               "0000-01-01",
                               "+026-01-01",
                               "-026-01-01",
                               "2026-+1-01",
                               "2026-0a-01",
                               "２０２６-01-01",
                               "10000-01-01",
                               "2026--03-01",
                               "2026-03-01\n"}) {
    INFO(bad);
    CHECK_FALSE(parseIsoDate(bad).has_value());
  }
  // An embedded NUL is not a digit.
  CHECK_FALSE(parseIsoDate(std::string_view("2026-03-0\0", 10)).has_value());
}

TEST_CASE("toIsoString zero-pads and round-trips") {
  CHECK(toIsoString(date(2026, 3, 1)) == "2026-03-01");
  CHECK(toIsoString(date(1900, 1, 1)) == "1900-01-01");
  CHECK(toIsoString(date(9999, 12, 31)) == "9999-12-31");
  for (std::string_view text : {"2024-02-29", "2026-12-31", "2001-10-09"}) CHECK(toIsoString(iso(text)) == text);
}

TEST_CASE("dates compare chronologically") {
  CHECK(date(2026, 3, 1) < date(2026, 3, 2));
  CHECK(date(2026, 2, 28) < date(2026, 3, 1));
  CHECK(date(2025, 12, 31) < date(2026, 1, 1));
  CHECK(date(2026, 3, 1) == date(2026, 3, 1));
  CHECK(date(2026, 3, 1) >= date(2026, 3, 1));
  CHECK(date(2027, 1, 1) > date(2026, 12, 31));
  CHECK(date(2026, 10, 1) > date(2026, 9, 30));
}

TEST_CASE("day numbers agree with std::chrono") {
  CHECK(toDayNumber(date(1970, 1, 1)) == 0);
  CHECK(toDayNumber(date(1969, 12, 31)) == -1);
  CHECK(toDayNumber(date(2000, 3, 1)) == 11017);
  // Every day from 1900 to 2101 round-trips and matches the standard library's calendar.
  for (sys_days d = sys_days{year{1900} / 1 / 1}; d <= sys_days{year{2101} / 12 / 31}; d += days{1}) {
    year_month_day ymd{d};
    CalendarDate ours{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
    const auto n = d.time_since_epoch().count();
    if (toDayNumber(ours) != n || fromDayNumber(n) != ours) {
      FAIL("mismatch at " << toIsoString(ours));
    }
  }
  CHECK(fromDayNumber(toDayNumber(date(9999, 12, 31))) == date(9999, 12, 31));
  CHECK(fromDayNumber(toDayNumber(date(1600, 2, 29))) == date(1600, 2, 29));
}

TEST_CASE("addDays crosses month, year and leap-day boundaries") {
  CHECK(addDays(date(2026, 1, 31), 1) == date(2026, 2, 1));
  CHECK(addDays(date(2026, 2, 28), 1) == date(2026, 3, 1));
  CHECK(addDays(date(2024, 2, 28), 1) == date(2024, 2, 29));
  CHECK(addDays(date(2024, 2, 29), 1) == date(2024, 3, 1));
  CHECK(addDays(date(2026, 12, 31), 1) == date(2027, 1, 1));
  CHECK(addDays(date(2027, 1, 1), -1) == date(2026, 12, 31));
  CHECK(addDays(date(2024, 3, 1), -1) == date(2024, 2, 29));
  CHECK(addDays(date(2100, 3, 1), -1) == date(2100, 2, 28));
  CHECK(addDays(date(2026, 3, 1), 0) == date(2026, 3, 1));
  CHECK(addDays(date(2026, 1, 1), 365) == date(2027, 1, 1));
  CHECK(addDays(date(2024, 1, 1), 365) == date(2024, 12, 31));
  CHECK(addDays(date(2026, 5, 15), -500) == date(2024, 12, 31));
  CHECK(addDays(date(2024, 12, 31), 500) == date(2026, 5, 15));
}

TEST_CASE("daysBetween is b minus a") {
  CHECK(daysBetween(date(2026, 3, 1), date(2026, 3, 1)) == 0);
  CHECK(daysBetween(date(2026, 3, 1), date(2026, 3, 2)) == 1);
  CHECK(daysBetween(date(2026, 3, 2), date(2026, 3, 1)) == -1);
  CHECK(daysBetween(date(2026, 3, 1), date(2027, 2, 28)) == 364);
  CHECK(daysBetween(date(2024, 1, 1), date(2025, 1, 1)) == 366);
  CHECK(daysBetween(date(2026, 2, 1), date(2026, 3, 1)) == 28);
  CHECK(daysBetween(date(2024, 2, 1), date(2024, 3, 1)) == 29);
  CHECK(daysBetween(date(1900, 1, 1), date(2000, 1, 1)) == 36524);
}

TEST_CASE("shanghaiDateOf uses UTC+8") {
  CHECK(shanghaiDateOf(utc(2026, 2, 28, 15, 59, 59, 999)) == date(2026, 2, 28));
  CHECK(shanghaiDateOf(utc(2026, 2, 28, 16, 0, 0)) == date(2026, 3, 1));
  CHECK(shanghaiDateOf(utc(2026, 3, 1, 0, 0, 0)) == date(2026, 3, 1));
  CHECK(shanghaiDateOf(utc(2026, 12, 31, 16, 0, 0)) == date(2027, 1, 1));
  CHECK(shanghaiDateOf(utc(2024, 2, 28, 16, 0, 0)) == date(2024, 2, 29));
  CHECK(shanghaiDateOf(system_clock::time_point{}) == date(1970, 1, 1));
  CHECK(shanghaiDateOf(utc(1969, 12, 31, 15, 59, 59)) == date(1969, 12, 31));
  CHECK(shanghaiDateOf(utc(1969, 12, 31, 16, 0, 0)) == date(1970, 1, 1));
}

TEST_CASE("toIsoInstant writes Shanghai time with milliseconds and +08:00") {
  CHECK(toIsoInstant(utc(2026, 3, 1, 1, 30, 0, 123)) == "2026-03-01T09:30:00.123+08:00");
  CHECK(toIsoInstant(utc(2026, 2, 28, 16, 0, 0)) == "2026-03-01T00:00:00.000+08:00");
  CHECK(toIsoInstant(utc(2026, 12, 31, 15, 59, 59, 999)) == "2026-12-31T23:59:59.999+08:00");
  CHECK(toIsoInstant(utc(2026, 12, 31, 16, 0, 0, 5)) == "2027-01-01T00:00:00.005+08:00");
  CHECK(toIsoInstant(system_clock::time_point{}) == "1970-01-01T08:00:00.000+08:00");
  // Sub-millisecond digits are dropped, never rounded up into the next millisecond.
  CHECK(toIsoInstant(utc(2026, 3, 1, 1, 30, 0, 123) + microseconds{999}) == "2026-03-01T09:30:00.123+08:00");
  // Before the epoch, flooring still gives the right wall time.
  CHECK(toIsoInstant(utc(1969, 12, 31, 23, 59, 59, 999)) == "1970-01-01T07:59:59.999+08:00");
  CHECK(toIsoInstant(utc(1969, 12, 31, 15, 59, 59, 999) + microseconds{500}) == "1969-12-31T23:59:59.999+08:00");
}

TEST_CASE("validUntil is one calendar year minus one day (docs/PRODUCT.md §5 rule 1)") {
  CHECK(validUntil(date(2026, 3, 1)) == date(2027, 2, 28));
  CHECK(validUntil(date(2028, 2, 29)) == date(2029, 2, 27));
  CHECK(validUntil(date(2026, 1, 1)) == date(2026, 12, 31));
  CHECK(validUntil(date(2027, 3, 1)) == date(2028, 2, 29));  // the next year is a leap year
  CHECK(validUntil(date(2027, 2, 28)) == date(2028, 2, 27));
  CHECK(validUntil(date(2028, 2, 28)) == date(2029, 2, 27));
  CHECK(validUntil(date(2028, 3, 1)) == date(2029, 2, 28));
  CHECK(validUntil(date(2026, 12, 31)) == date(2027, 12, 30));
  CHECK(validUntil(date(2026, 5, 31)) == date(2027, 5, 30));
  CHECK(validUntil(date(2026, 7, 1)) == date(2027, 6, 30));
  CHECK(validUntil(date(2096, 2, 29)) == date(2097, 2, 27));
  // Always within a year: one calendar year less a day is 364 or 365 days on.
  for (CalendarDate d = date(2023, 1, 1); d <= date(2030, 12, 31); d = addDays(d, 1)) {
    const int span = daysBetween(d, validUntil(d));
    if (span != 364 && span != 365) FAIL("span " << span << " from " << toIsoString(d));
  }
}

TEST_CASE("hasLapsed and daysToExpiry") {
  const CalendarDate until = validUntil(date(2026, 3, 1));  // 2027-02-28
  CHECK_FALSE(hasLapsed(until, date(2027, 2, 28)));
  CHECK(hasLapsed(until, date(2027, 3, 1)));
  CHECK_FALSE(hasLapsed(until, date(2026, 3, 1)));

  CHECK(daysToExpiry(until, date(2027, 2, 28), true) == 0);
  CHECK(daysToExpiry(until, date(2027, 2, 27), true) == 1);
  CHECK(daysToExpiry(until, date(2026, 3, 1), true) == 364);
  CHECK(daysToExpiry(until, date(2027, 1, 29), true) == 30);
  CHECK_FALSE(daysToExpiry(until, date(2027, 3, 1), true).has_value());
  CHECK_FALSE(daysToExpiry(until, date(2027, 2, 28), false).has_value());
  CHECK_FALSE(daysToExpiry(std::nullopt, date(2027, 2, 28), true).has_value());
}
