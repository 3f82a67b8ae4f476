// The login throttle's stored state (table login_throttle); the rule is
// domain/login_throttle.h.
#pragma once

#include <cstdint>
#include <optional>

#include "db/database.h"
#include "domain/login_throttle.h"

namespace ktk::repo {

// The stored state; with `forUpdate` the row stays locked until commit, so
// concurrent attempts on one account are counted one after the other.
std::optional<domain::ThrottleState> loadThrottle(db::Tx& tx, std::uint64_t userId, bool forUpdate);

// Counts one failure and returns the new state.
domain::ThrottleState recordThrottleFailure(db::Tx& tx, std::uint64_t userId, std::int64_t now);

// Forgets the account's failures and ends a delay or lock: after a correct
// password, and from the password-reset flow (a reset works while locked).
void clearThrottle(db::Tx& tx, std::uint64_t userId);

}  // namespace ktk::repo
