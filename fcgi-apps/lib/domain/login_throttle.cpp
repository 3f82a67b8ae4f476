#include "domain/login_throttle.h"

#include <algorithm>

namespace ktk::domain {

std::int64_t throttleWait(unsigned failures) {
    if (failures < kThrottleDelayFrom) return 0;
    if (failures < kThrottleLockFrom) return std::int64_t{2} << (failures - kThrottleDelayFrom);
    unsigned doublings = std::min(failures - kThrottleLockFrom, 8u);  // 60 << 4 already exceeds the cap
    return std::min(kFirstLockSeconds << doublings, kMaxLockSeconds);
}

ThrottleState afterFailure(const std::optional<ThrottleState>& stored, std::int64_t now) {
    ThrottleState s;
    if (stored && now - stored->lastFailureAt < kThrottleQuietSeconds) s.failures = stored->failures;
    if (s.failures < 1000000) ++s.failures;
    s.lastFailureAt = now;
    std::int64_t wait = throttleWait(s.failures);
    s.lockedUntil = wait ? now + wait : 0;
    return s;
}

}  // namespace ktk::domain
