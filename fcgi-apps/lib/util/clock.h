// The portal's clock. Every time the portal stores or compares comes from
// here (never from the database's NOW()), so tests can move time forward
// through the optional offset file instead of sleeping.
#pragma once

#include <cstdint>
#include <string>

namespace ktk::util {

// Called once at startup; an empty path means the real clock.
void setClockOffsetFile(const std::string& path);

// Seconds since the epoch, UTC, including the test offset.
std::int64_t now();

// "YYYY-MM-DD HH:MM:SS" in UTC, the form DATETIME columns hold.
std::string sqlTime(std::int64_t epochSeconds);
std::int64_t parseSqlTime(const std::string& text);

// RFC 5322 date, e.g. "Sat, 28 Nov 2026 04:20:15 +0000".
std::string rfc5322Date(std::int64_t epochSeconds);

}  // namespace ktk::util
