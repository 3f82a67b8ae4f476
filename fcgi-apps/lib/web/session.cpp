#include "web/session.h"

#include "crypto/random.h"
#include "util/clock.h"

namespace ktk::session {

web::Cookie cookie(std::string id, bool tls) {
    web::Cookie c;
    c.name = tls ? std::string("__Host-") + kCookieName : kCookieName;
    c.value = std::move(id);
    c.path = "/";
    c.httpOnly = true;
    c.secure = tls;
    c.sameSite = web::SameSite::Lax;
    return c;
}

bool wellFormedId(std::string_view id) {
    if (id.size() != 43) return false;
    for (char c : id)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

std::string hashId(std::string_view id) { return crypto::sha256Hex(id); }

std::optional<Loaded> load(db::Tx& tx, std::string_view id, std::int64_t now) {
    if (!wellFormedId(id)) return std::nullopt;
    std::string idHash = hashId(id);
    // The two times as seconds since the epoch (the columns hold UTC): read
    // as numbers, not formatted into text by the connector and parsed back.
    db::Row r = tx.query(
        "SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', s.created_at), TIMESTAMPDIFF(SECOND, '1970-01-01', s.last_seen_at),"
        " u.id, u.email, u.last_name, u.first_name, u.language, u.role,"
        " u.municipality_id, u.office_id, m.name, m.tax_number, u.disabled_at IS NOT NULL"
        " FROM sessions s JOIN users u ON u.id = s.user_id"
        " LEFT JOIN municipalities m ON m.id = u.municipality_id"
        " WHERE s.id_hash = ?",
        idHash);
    if (!r->next()) return std::nullopt;
    Loaded s;
    s.idHash = std::move(idHash);
    s.createdAt = r->getInt64(1);
    std::int64_t lastSeen = r->getInt64(2);
    if (r->getBoolean(13) || now - lastSeen >= kIdleSeconds || now - s.createdAt >= kAbsoluteSeconds) {
        end(tx, s.idHash);
        return std::nullopt;
    }
    User& u = s.user;
    u.id = r->getUInt64(3);
    u.email = r->getString(4);
    u.lastName = r->getString(5);
    u.firstName = r->getString(6);
    u.language = parseLang(std::string(r->getString(7))).value_or(kDefaultLang);
    u.clerk = r->getString(8) == "clerk";
    if (!r->isNull(9)) u.municipalityId = r->getUInt64(9);
    if (!r->isNull(10)) u.officeId = r->getUInt64(10);
    if (!r->isNull(11)) u.municipalityName = r->getString(11);
    if (!r->isNull(12)) u.municipalityTaxNumber = r->getString(12);
    if (now - lastSeen >= kTouchEverySeconds)
        tx.update("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", clock::toSql(now), s.idHash);
    return s;
}

std::string create(db::Tx& tx, std::uint64_t userId, std::int64_t now) {
    // Housekeeping without a timer: this user's dead sessions, and a few of
    // anyone's that nobody has used for longer than a session can live.
    tx.update("DELETE FROM sessions WHERE user_id = ? AND (last_seen_at <= ? OR created_at <= ?)", userId,
              clock::toSql(now - kIdleSeconds), clock::toSql(now - kAbsoluteSeconds));
    tx.update("DELETE FROM sessions WHERE last_seen_at <= ? LIMIT 100", clock::toSql(now - kIdleSeconds));
    std::string id = crypto::randomToken();
    std::string at = clock::toSql(now);
    tx.update("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)", hashId(id),
              userId, at, at);
    return id;
}

std::optional<std::string> renew(db::Tx& tx, std::string_view idHash) {
    std::string id = crypto::randomToken();
    if (tx.update("UPDATE sessions SET id_hash = ? WHERE id_hash = ?", hashId(id), idHash) != 1) return std::nullopt;
    return id;
}

void end(db::Tx& tx, std::string_view idHash) { tx.update("DELETE FROM sessions WHERE id_hash = ?", idHash); }

int endAllForUser(db::Tx& tx, std::uint64_t userId, std::string_view exceptIdHash) {
    return tx.update("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?", userId, exceptIdHash);
}

}  // namespace ktk::session
