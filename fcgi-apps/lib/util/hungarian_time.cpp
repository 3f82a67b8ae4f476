#include "util/hungarian_time.h"

#include "util/clock.h"

namespace ktk::util {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// The calendar date of a day since 1970-01-01 (its inverse, Hinnant's
// civil_from_days).
struct Civil {
    std::int64_t year;
    unsigned month, day;
};
Civil civilFromDays(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// 01:00 UTC on the last Sunday of `month` (31 days: March and October).
std::int64_t lastSundayOneUtc(std::int64_t year, unsigned month) {
    std::int64_t day31 = daysFromCivil(year, month, 31);
    // 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7.
    std::int64_t weekday = ((day31 + 4) % 7 + 7) % 7;
    return (day31 - weekday) * 86400 + 3600;
}

std::int64_t yearOf(std::int64_t utc) { return civilFromDays(floorDiv(utc, 86400)).year; }

// Writes `n` (0 ≤ n < 10^width) with leading zeros at `out`.
void digits(char* out, unsigned n, int width) {
    for (int i = width - 1; i >= 0; --i, n /= 10) out[i] = static_cast<char>('0' + n % 10);
}

// `local` written as "YYYY<a>MM<b>DD<c>HH:MM:SS" — what sqlTime writes
// with the separators "-", "-", " " — for the years with four digits;
// false for others (sqlTime's strftime writes those).
bool fourDigitYearTime(std::int64_t local, const char* a, const char* b, const char* c, std::string& out) {
    const std::int64_t days = floorDiv(local, 86400);
    const Civil date = civilFromDays(days);
    if (date.year < 1000 || date.year > 9999) return false;
    const unsigned second = static_cast<unsigned>(local - days * 86400);
    char buf[32];
    char* p = buf;
    digits(p, static_cast<unsigned>(date.year), 4), p += 4;
    for (const char* s = a; *s; ++s) *p++ = *s;
    digits(p, date.month, 2), p += 2;
    for (const char* s = b; *s; ++s) *p++ = *s;
    digits(p, date.day, 2), p += 2;
    for (const char* s = c; *s; ++s) *p++ = *s;
    digits(p, second / 3600, 2), p += 2, *p++ = ':';
    digits(p, second / 60 % 60, 2), p += 2, *p++ = ':';
    digits(p, second % 60, 2), p += 2;
    out.assign(buf, static_cast<std::size_t>(p - buf));
    return true;
}

}  // namespace

int hungarianUtcOffset(std::int64_t utc) {
    const std::int64_t year = yearOf(utc);
    const bool summer = utc >= lastSundayOneUtc(year, 3) && utc < lastSundayOneUtc(year, 10);
    return summer ? 7200 : 3600;
}

// Written by hand rather than through gmtime and strftime: the list of
// applications shows one on each of its rows.
std::string hungarianTimeIso(std::int64_t utc) {
    const std::int64_t local = utc + hungarianUtcOffset(utc);
    std::string out;
    return fourDigitYearTime(local, "-", "-", " ", out) ? out : sqlTime(local);
}

std::string hungarianTime(std::int64_t utc) {
    // "YYYY-MM-DD HH:MM:SS" → "YYYY. MM. DD. HH:MM:SS"
    const std::int64_t local = utc + hungarianUtcOffset(utc);
    std::string out;
    if (fourDigitYearTime(local, ". ", ". ", ". ", out)) return out;
    const std::string iso = sqlTime(local);
    return iso.substr(0, 4) + ". " + iso.substr(5, 2) + ". " + iso.substr(8, 2) + ". " + iso.substr(11);
}

std::string hungarianOffsetLabel(std::int64_t utc) { return hungarianUtcOffset(utc) == 7200 ? "UTC+2" : "UTC+1"; }

}  // namespace ktk::util
