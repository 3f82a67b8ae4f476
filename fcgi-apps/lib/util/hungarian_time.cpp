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

// 01:00 UTC on the last Sunday of `month` (31 days: March and October).
std::int64_t lastSundayOneUtc(std::int64_t year, unsigned month) {
    std::int64_t day31 = daysFromCivil(year, month, 31);
    // 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7.
    std::int64_t weekday = ((day31 + 4) % 7 + 7) % 7;
    return (day31 - weekday) * 86400 + 3600;
}

std::int64_t yearOf(std::int64_t utc) { return std::stoll(sqlTime(utc).substr(0, 4)); }

}  // namespace

int hungarianUtcOffset(std::int64_t utc) {
    const std::int64_t year = yearOf(utc);
    const bool summer = utc >= lastSundayOneUtc(year, 3) && utc < lastSundayOneUtc(year, 10);
    return summer ? 7200 : 3600;
}

std::string hungarianTimeIso(std::int64_t utc) { return sqlTime(utc + hungarianUtcOffset(utc)); }

std::string hungarianTime(std::int64_t utc) {
    // "YYYY-MM-DD HH:MM:SS" → "YYYY. MM. DD. HH:MM:SS"
    const std::string iso = hungarianTimeIso(utc);
    return iso.substr(0, 4) + ". " + iso.substr(5, 2) + ". " + iso.substr(8, 2) + ". " + iso.substr(11);
}

std::string hungarianOffsetLabel(std::int64_t utc) { return hungarianUtcOffset(utc) == 7200 ? "UTC+2" : "UTC+1"; }

}  // namespace ktk::util
