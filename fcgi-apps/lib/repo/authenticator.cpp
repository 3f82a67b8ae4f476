#include "repo/authenticator.h"

#include "util/clock.h"

namespace ktk::repo {

std::optional<Authenticator> findAuthenticator(db::Tx& tx, std::uint64_t userId, bool forUpdate) {
    db::Row r = forUpdate ? tx.query("SELECT secret_sealed, kek_id, confirmed_at IS NOT NULL, last_step"
                                     " FROM user_totp WHERE user_id = ? FOR UPDATE",
                                     userId)
                          : tx.query("SELECT secret_sealed, kek_id, confirmed_at IS NOT NULL, last_step"
                                     " FROM user_totp WHERE user_id = ?",
                                     userId);
    if (!r->next()) return std::nullopt;
    Authenticator a;
    a.secret.text = r->getString(1);
    a.secret.keyId = r->getString(2);
    a.confirmed = r->getBoolean(3);
    a.lastStep = r->getInt64(4);
    return a;
}

bool beginEnrolment(db::Tx& tx, std::uint64_t userId, const crypto::Sealed& secret, std::int64_t now) {
    if (tx.update("UPDATE user_totp SET secret_sealed = ?, kek_id = ?, created_at = ?, last_step = 0"
                  " WHERE user_id = ? AND confirmed_at IS NULL",
                  secret.text, secret.keyId, util::sqlTime(now), userId) > 0)
        return true;
    return tx.insert("INSERT INTO user_totp (user_id, secret_sealed, kek_id, created_at) VALUES (?, ?, ?, ?)", userId,
                     secret.text, secret.keyId, util::sqlTime(now)) == db::Insert::Added;
}

bool confirmAuthenticator(db::Tx& tx, std::uint64_t userId, std::int64_t step, std::int64_t now) {
    return tx.update("UPDATE user_totp SET confirmed_at = ?, last_step = ? WHERE user_id = ? AND confirmed_at IS NULL",
                     util::sqlTime(now), step, userId) > 0;
}

bool useStep(db::Tx& tx, std::uint64_t userId, std::int64_t step) {
    return tx.update("UPDATE user_totp SET last_step = ? WHERE user_id = ? AND last_step < ?", step, userId, step) > 0;
}

void replaceRecoveryCodes(db::Tx& tx, std::uint64_t userId, const std::vector<std::string>& hashes) {
    tx.update("DELETE FROM user_recovery_codes WHERE user_id = ?", userId);
    for (const std::string& h : hashes)
        tx.update("INSERT INTO user_recovery_codes (user_id, code_hash) VALUES (?, ?)", userId, h);
}

bool useRecoveryCode(db::Tx& tx, std::uint64_t userId, std::string_view hash, std::int64_t now) {
    return tx.update("UPDATE user_recovery_codes SET used_at = ?"
                     " WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
                     util::sqlTime(now), userId, std::string(hash)) > 0;
}

int recoveryCodesLeft(db::Tx& tx, std::uint64_t userId) {
    db::Row r = tx.query("SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL", userId);
    return r->next() ? r->getInt(1) : 0;
}

}  // namespace ktk::repo
