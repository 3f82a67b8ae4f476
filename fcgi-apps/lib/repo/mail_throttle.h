// How often a flow may mail one account: at most once per interval and at
// most kMailsPerDay times in any 24 hours for each purpose, decided inside
// the caller's transaction so that parallel requests agree (exactly one of
// them gets the slot).
#pragma once

#include <cstdint>
#include <string>

#include "db/database.h"

namespace ktk::repo {

constexpr int kMailsPerDay = 5;                      // of each purpose, to one account
constexpr std::int64_t kMailDaySeconds = 24 * 3600;  // a rolling window, not a calendar day

enum class MailSlot {
    Taken,    // the mail may go now, and is counted
    TooSoon,  // one went out less than the interval ago
    DayFull,  // kMailsPerDay went out in the last 24 hours
};

// Whether a mail for `purpose` may go to `userId` now; Taken records it.
MailSlot takeMailSlot(db::Tx& tx, std::uint64_t userId, const std::string& purpose, std::int64_t now,
                      std::int64_t intervalSeconds);

}  // namespace ktk::repo
