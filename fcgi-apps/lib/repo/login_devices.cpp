#include "repo/login_devices.h"

#include "util/clock.h"

namespace ktk::repo {

std::optional<DeviceState> loadDevice(db::Tx& tx, std::string_view nonceHash) {
    db::Row r = tx.query("SELECT user_id, failures, revoked_at IS NOT NULL FROM login_devices WHERE nonce_hash = ?",
                         nonceHash);
    if (!r->next()) return std::nullopt;
    return DeviceState{r->getUInt64(1), r->getUInt(2), r->getBoolean(3)};
}

DeviceState recordDeviceFailure(db::Tx& tx, std::string_view nonceHash, std::uint64_t userId, std::int64_t now,
                                std::int64_t forgetBefore) {
    tx.update("DELETE FROM login_devices WHERE last_failure_at < ? LIMIT 100", util::sqlTime(forgetBefore));
    const std::string at = util::sqlTime(now);
    tx.update(
        "INSERT INTO login_devices (nonce_hash, user_id, failures, last_failure_at, revoked_at)"
        " VALUES (?, ?, 1, ?, NULL)"
        " ON DUPLICATE KEY UPDATE failures = failures + 1, last_failure_at = VALUES(last_failure_at),"
        " revoked_at = IF(revoked_at IS NULL AND failures >= ?, VALUES(last_failure_at), revoked_at)",
        nonceHash, userId, at, kDeviceFailureLimit);
    // A first failure cannot revoke, unless the limit were 1.
    std::optional<DeviceState> s = loadDevice(tx, nonceHash);
    return s ? *s : DeviceState{userId, 1, false};
}

void forgetDevice(db::Tx& tx, std::string_view nonceHash) {
    tx.update("DELETE FROM login_devices WHERE nonce_hash = ?", nonceHash);
}

void revokeDevices(db::Tx& tx, std::uint64_t userId, std::int64_t at) {
    tx.update("UPDATE users SET devices_revoked_at = ? WHERE id = ?", util::sqlTime(at), userId);
}

bool deviceRevoked(db::Tx& tx, std::uint64_t userId, std::int64_t issuedAt) {
    db::Row r = tx.query("SELECT devices_revoked_at IS NOT NULL AND devices_revoked_at >= ? FROM users WHERE id = ?",
                         util::sqlTime(issuedAt), userId);
    return r->next() && r->getBoolean(1);
}

}  // namespace ktk::repo
