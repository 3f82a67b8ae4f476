// Calendar dates as forms carry them: ISO 8601 `YYYY-MM-DD`, proleptic
// Gregorian, no time and no zone. Strict: exactly ten characters, a real
// day (no 31 February, 29 February only in a leap year), years 2000–2099
// (the portal's subsidy periods; anything else is a typing error).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ktk::domain {

struct CalendarDate {
    int year = 2000;
    int month = 1;  // 1–12
    int day = 1;    // 1–daysInMonth
};

inline bool operator==(const CalendarDate& a, const CalendarDate& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
}
inline bool operator!=(const CalendarDate& a, const CalendarDate& b) { return !(a == b); }
inline bool operator<(const CalendarDate& a, const CalendarDate& b) {
    if (a.year != b.year) return a.year < b.year;
    return a.month != b.month ? a.month < b.month : a.day < b.day;
}

bool isLeapYear(int year);
int daysInMonth(int year, int month);

// nullopt for anything but a real date of 2000–2099 in `YYYY-MM-DD`.
std::optional<CalendarDate> parseIsoDate(std::string_view text);
std::string isoDate(const CalendarDate& date);

// Days since 1970-01-01 (negative before), for differences.
long dayNumber(const CalendarDate& date);
// The date `months` calendar months later on the same day of the month,
// or the month's last day where it is shorter (31 January + 1 = 28/29
// February).
CalendarDate addMonths(const CalendarDate& date, int months);
// The day before.
CalendarDate previousDay(const CalendarDate& date);

}  // namespace ktk::domain
