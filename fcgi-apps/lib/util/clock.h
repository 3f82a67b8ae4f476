// The portal's clock. Every time the portal stores or compares comes from
// here (never from the database's NOW()), so tests can move time forward
// through the optional offset file instead of sleeping.
#pragma once

#include <cstdint>
#include <string>

namespace ktk::clock {

// Called once at startup; an empty path means the real clock.
void setOffsetFile(const std::string& path);

// Seconds since the epoch, UTC, including the test offset.
std::int64_t now();

// "YYYY-MM-DD HH:MM:SS" in UTC, the form DATETIME columns hold.
std::string toSql(std::int64_t epochSeconds);
std::int64_t fromSql(const std::string& text);

// RFC 5322 date, e.g. "Sat, 28 Nov 2026 04:20:15 +0000".
std::string toRfc5322(std::int64_t epochSeconds);

}  // namespace ktk::clock
