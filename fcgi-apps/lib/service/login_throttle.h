// Per-account brute-force protection (SPEC §4, throttling). Counted per
// existing account, so every spelling of one e-mail address shares the
// counter and an address nobody registered leaves nothing behind.
//
//   failures 1–4   nothing happens;
//   failures 5–9   a growing delay: no password is checked for 2, 4, 8,
//                  16, 32 seconds after the failure;
//   failure 10 on  a lock: 60 s, doubling with each further failure up
//                  to 15 min.
//   12 h without a failure, a correct password or a password reset start
//   the count again.
//
// While the delay or lock runs, the login answers with the same generic
// error as for a wrong password, even when the password is right; the
// attempt is not counted (it tested nothing).
#pragma once

#include <cstdint>
#include <optional>

#include "db/database.h"

namespace ktk::throttle {

constexpr unsigned kDelayFrom = 5;
constexpr unsigned kLockFrom = 10;
constexpr std::int64_t kFirstLockSeconds = 60;
constexpr std::int64_t kMaxLockSeconds = 15 * 60;
constexpr std::int64_t kQuietResetSeconds = 12 * 3600;

// Seconds during which no password is checked after the `failures`-th
// consecutive failure (0: none).
std::int64_t waitAfter(unsigned failures);

// What is stored for an account with recent failures.
struct State {
    unsigned failures = 0;
    std::int64_t lastFailureAt = 0;
    std::int64_t lockedUntil = 0;  // 0: not locked
};

// The state after one more failure at `now` (pure: the rule above).
State afterFailure(const std::optional<State>& stored, std::int64_t now);

// True while a delay or lock runs (pure).
inline bool blocks(const State& s, std::int64_t now) { return s.lockedUntil > now; }

// The stored state; with `forUpdate` the row stays locked until commit, so
// concurrent attempts on one account are counted one after the other.
std::optional<State> load(db::Tx& tx, std::uint64_t userId, bool forUpdate);

// Counts one failure and returns the new state.
State recordFailure(db::Tx& tx, std::uint64_t userId, std::int64_t now);

// Forgets the account's failures and ends a delay or lock: after a correct
// password, and from the password-reset flow (a reset works while locked).
void clear(db::Tx& tx, std::uint64_t userId);

}  // namespace ktk::throttle
