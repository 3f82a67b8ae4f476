// Times as people in Hungary read them. The portal stores and compares
// UTC (util/clock.h); a time shown to a person — "your password was
// changed at …" — is Hungarian civil time: CET (UTC+1), and CEST (UTC+2)
// from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
// Sunday of October (the EU rule, fixed since 1996). Computed here rather
// than through the process's TZ, which the programs never set.
#pragma once

#include <cstdint>
#include <string>

namespace ktk::util {

// Seconds east of UTC at that instant: 3600 or 7200.
int hungarianUtcOffset(std::int64_t utcEpochSeconds);

// "2026. 05. 01. 14:05:09" (Hungarian order) — no zone; the caller says
// "Hungarian time".
std::string hungarianTime(std::int64_t utcEpochSeconds);

// "2026-05-01 14:05:09".
std::string hungarianTimeIso(std::int64_t utcEpochSeconds);

// "UTC+1" or "UTC+2".
std::string hungarianOffsetLabel(std::int64_t utcEpochSeconds);

}  // namespace ktk::util
