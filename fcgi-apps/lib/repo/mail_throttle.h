// How often a flow may mail one account: at most once per interval for
// each purpose, decided inside the caller's transaction so that parallel
// requests agree (exactly one of them gets the slot).
#pragma once

#include <cstdint>
#include <string>

#include "db/database.h"

namespace ktk::repo {

// True when a mail for `purpose` may go to `userId` now (and records it);
// false when one went out less than `intervalSeconds` ago.
bool takeMailSlot(db::Tx& tx, std::uint64_t userId, const std::string& purpose, std::int64_t now,
                  std::int64_t intervalSeconds);

}  // namespace ktk::repo
