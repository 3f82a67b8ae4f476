#include "repo/login_throttle.h"

#include "util/clock.h"

namespace ktk::repo {

std::optional<domain::ThrottleState> loadThrottle(db::Tx& tx, std::uint64_t userId, bool forUpdate) {
    // The account's row is the lock: a throttle row may not exist yet, and
    // READ COMMITTED takes no gap locks that would order two first failures.
    if (forUpdate) tx.query("SELECT id FROM users WHERE id = ? FOR UPDATE", userId);
    db::Row r = forUpdate
        ? tx.query("SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE user_id = ? FOR UPDATE",
                   userId)
        : tx.query("SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE user_id = ?", userId);
    if (!r->next()) return std::nullopt;
    domain::ThrottleState s;
    s.failures = r->getUInt(1);
    s.lastFailureAt = util::parseSqlTime(r->getString(2));
    s.lockedUntil = r->isNull(3) ? 0 : util::parseSqlTime(r->getString(3));
    return s;
}

domain::ThrottleState recordThrottleFailure(db::Tx& tx, std::uint64_t userId, std::int64_t now) {
    domain::ThrottleState s = domain::afterFailure(loadThrottle(tx, userId, true), now);
    std::optional<std::string> lockedUntil;
    if (s.lockedUntil) lockedUntil = util::sqlTime(s.lockedUntil);
    tx.update(
        "INSERT INTO login_throttle (user_id, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)"
        " ON DUPLICATE KEY UPDATE failures = VALUES(failures), last_failure_at = VALUES(last_failure_at),"
        " locked_until = VALUES(locked_until)",
        userId, s.failures, util::sqlTime(s.lastFailureAt), lockedUntil);
    return s;
}

void clearThrottle(db::Tx& tx, std::uint64_t userId) {
    tx.update("DELETE FROM login_throttle WHERE user_id = ?", userId);
}

}  // namespace ktk::repo
