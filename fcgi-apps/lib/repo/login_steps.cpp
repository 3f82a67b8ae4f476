#include "repo/login_steps.h"

#include "crypto/random.h"
#include "domain/user_agent.h"
#include "util/clock.h"

namespace ktk::repo {

std::string createLoginStep(db::Tx& tx, const LoginStep& s, std::int64_t now) {
    tx.update("DELETE FROM login_second_steps WHERE user_id = ? AND expires_at <= ?", s.userId, util::sqlTime(now));
    tx.update("DELETE FROM login_second_steps WHERE expires_at <= ? LIMIT 100", util::sqlTime(now));
    std::string value = crypto::randomToken();
    const std::optional<std::string> device = s.deviceHash.empty() ? std::nullopt : std::optional(s.deviceHash);
    const std::optional<std::string> replaced =
        s.replacedHash.empty() ? std::nullopt : std::optional(s.replacedHash);
    tx.update(
        "INSERT INTO login_second_steps (id_hash, user_id, created_at, expires_at, device_hash, replaced_hash,"
        " password_check, user_agent, client_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        crypto::sha256Hex(value), s.userId, util::sqlTime(now), util::sqlTime(now + kLoginStepSeconds), device,
        replaced, s.passwordCheck, domain::storableUserAgent(s.userAgent), s.clientAddress.substr(0, 45));
    return value;
}

std::optional<LoginStep> findLoginStep(db::Tx& tx, std::string_view value, std::int64_t now) {
    if (!crypto::isToken(value)) return std::nullopt;
    db::Row r = tx.query(
        "SELECT user_id, device_hash, replaced_hash, password_check, user_agent, client_address"
        " FROM login_second_steps WHERE id_hash = ? AND expires_at > ? FOR UPDATE",
        crypto::sha256Hex(value), util::sqlTime(now));
    if (!r->next()) return std::nullopt;
    LoginStep s;
    s.userId = r->getUInt64(1);
    if (!r->isNull(2)) s.deviceHash = r->getString(2);
    if (!r->isNull(3)) s.replacedHash = r->getString(3);
    s.passwordCheck = r->getString(4);
    s.userAgent = r->getString(5);
    s.clientAddress = r->getString(6);
    return s;
}

void endLoginStep(db::Tx& tx, std::string_view value) {
    tx.update("DELETE FROM login_second_steps WHERE id_hash = ?", crypto::sha256Hex(value));
}

}  // namespace ktk::repo
