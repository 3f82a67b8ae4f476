// Per-account brute-force protection: the rule. Counted per existing
// account, so every spelling of one e-mail address shares the counter and
// an address nobody registered leaves nothing behind.
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
// attempt is not counted (it tested nothing). The stored state is
// repo/login_throttle.h.
#pragma once

#include <cstdint>
#include <optional>

namespace ktk::domain {

constexpr unsigned kThrottleDelayFrom = 5;
constexpr unsigned kThrottleLockFrom = 10;
constexpr std::int64_t kFirstLockSeconds = 60;
constexpr std::int64_t kMaxLockSeconds = 15 * 60;
constexpr std::int64_t kThrottleQuietSeconds = 12 * 3600;

// Seconds during which no password is checked after the `failures`-th
// consecutive failure (0: none).
std::int64_t throttleWait(unsigned failures);

// What is stored for an account with recent failures.
struct ThrottleState {
    unsigned failures = 0;
    std::int64_t lastFailureAt = 0;
    std::int64_t lockedUntil = 0;  // 0: not locked
};

// The state after one more failure at `now`.
ThrottleState afterFailure(const std::optional<ThrottleState>& stored, std::int64_t now);

// True while a delay or lock runs.
inline bool throttleBlocks(const ThrottleState& s, std::int64_t now) { return s.lockedUntil > now; }
inline bool throttleBlocks(const std::optional<ThrottleState>& s, std::int64_t now) {
    return s && throttleBlocks(*s, now);
}

}  // namespace ktk::domain
