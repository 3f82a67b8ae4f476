#include "service/login_throttle.h"

#include <algorithm>

#include "util/clock.h"

namespace ktk::throttle {

std::int64_t waitAfter(unsigned failures) {
    if (failures < kDelayFrom) return 0;
    if (failures < kLockFrom) return std::int64_t{2} << (failures - kDelayFrom);
    unsigned doublings = std::min(failures - kLockFrom, 8u);  // 60 << 4 already exceeds the cap
    return std::min(kFirstLockSeconds << doublings, kMaxLockSeconds);
}

State afterFailure(const std::optional<State>& stored, std::int64_t now) {
    State s;
    if (stored && now - stored->lastFailureAt < kQuietResetSeconds) s.failures = stored->failures;
    if (s.failures < 1000000) ++s.failures;
    s.lastFailureAt = now;
    std::int64_t wait = waitAfter(s.failures);
    s.lockedUntil = wait ? now + wait : 0;
    return s;
}

std::optional<State> load(db::Tx& tx, std::uint64_t userId, bool forUpdate) {
    // The account's row is the lock: a throttle row may not exist yet, and
    // READ COMMITTED takes no gap locks that would order two first failures.
    if (forUpdate) tx.query("SELECT id FROM users WHERE id = ? FOR UPDATE", userId);
    db::Row r = forUpdate
        ? tx.query("SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE user_id = ? FOR UPDATE",
                   userId)
        : tx.query("SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE user_id = ?", userId);
    if (!r->next()) return std::nullopt;
    State s;
    s.failures = r->getUInt(1);
    s.lastFailureAt = clock::fromSql(r->getString(2));
    s.lockedUntil = r->isNull(3) ? 0 : clock::fromSql(r->getString(3));
    return s;
}

State recordFailure(db::Tx& tx, std::uint64_t userId, std::int64_t now) {
    State s = afterFailure(load(tx, userId, true), now);
    std::optional<std::string> lockedUntil;
    if (s.lockedUntil) lockedUntil = clock::toSql(s.lockedUntil);
    tx.update(
        "INSERT INTO login_throttle (user_id, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)"
        " ON DUPLICATE KEY UPDATE failures = VALUES(failures), last_failure_at = VALUES(last_failure_at),"
        " locked_until = VALUES(locked_until)",
        userId, s.failures, clock::toSql(s.lastFailureAt), lockedUntil);
    return s;
}

void clear(db::Tx& tx, std::uint64_t userId) { tx.update("DELETE FROM login_throttle WHERE user_id = ?", userId); }

}  // namespace ktk::throttle
