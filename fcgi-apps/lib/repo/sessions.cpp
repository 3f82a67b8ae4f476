#include "repo/sessions.h"

#include "crypto/random.h"
#include "domain/user_agent.h"
#include "util/clock.h"

namespace ktk::repo {

std::string sessionIdHash(std::string_view id) { return crypto::sha256Hex(id); }

std::optional<Session> loadSession(db::Tx& tx, std::string_view id, std::int64_t now) {
    if (!crypto::isToken(id)) return std::nullopt;
    std::string idHash = sessionIdHash(id);
    // The two times as seconds since the epoch (the columns hold UTC): read
    // as numbers, not formatted into text by the connector and parsed back.
    // Every logged-in page runs this: the computed columns are named, as
    // the connector upper-cases each column's name into a map at every
    // execution (an expression's name is its whole text).
    db::Row r = tx.query(
        "SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', s.created_at) AS created,"
        " TIMESTAMPDIFF(SECOND, '1970-01-01', s.last_seen_at) AS seen, u.id, u.email, u.last_name, u.first_name,"
        " u.language, u.role, u.municipality_id, u.office_id, m.name, m.tax_number, u.disabled_at IS NOT NULL AS disabled,"
        " m.office_id, t.confirmed_at IS NOT NULL AS totp_on, m.applications_version"
        " FROM sessions s JOIN users u ON u.id = s.user_id"
        " LEFT JOIN municipalities m ON m.id = u.municipality_id"
        " LEFT JOIN user_totp t ON t.user_id = u.id"
        " WHERE s.id_hash = ?",
        idHash);
    if (!r->next()) return std::nullopt;
    Session s;
    s.idHash = std::move(idHash);
    s.createdAt = r->getInt64(1);
    std::int64_t lastSeen = r->getInt64(2);
    if (r->getBoolean(13) || now - lastSeen >= kSessionIdleSeconds || now - s.createdAt >= kSessionAbsoluteSeconds) {
        endSession(tx, s.idHash);
        return std::nullopt;
    }
    Account& u = s.user;
    u.id = r->getUInt64(3);
    u.email = r->getString(4);
    u.lastName = r->getString(5);
    u.firstName = r->getString(6);
    u.language = domain::parseLang(std::string(r->getString(7))).value_or(domain::kDefaultLang);
    u.clerk = r->getString(8) == "clerk";
    u.secondFactorOn = r->getBoolean(15);
    if (!r->isNull(10)) u.officeId = r->getUInt64(10);
    if (!r->isNull(9)) {
        Municipality m;
        m.id = r->getUInt64(9);
        m.name = r->getString(11);
        m.taxNumber = r->getString(12);
        m.officeId = r->getUInt64(14);
        m.applicationsVersion = r->getUInt64(16);
        u.municipality = std::move(m);
    }
    if (now - lastSeen >= kSessionTouchEverySeconds)
        tx.update("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", util::sqlTime(now), s.idHash);
    return s;
}

std::string createSession(db::Tx& tx, std::uint64_t userId, std::int64_t now, const SessionOrigin& origin) {
    // Housekeeping without a timer: this user's dead sessions, and a few of
    // anyone's that nobody has used for longer than a session can live.
    tx.update("DELETE FROM sessions WHERE user_id = ? AND (last_seen_at <= ? OR created_at <= ?)", userId,
              util::sqlTime(now - kSessionIdleSeconds), util::sqlTime(now - kSessionAbsoluteSeconds));
    tx.update("DELETE FROM sessions WHERE last_seen_at <= ? LIMIT 100", util::sqlTime(now - kSessionIdleSeconds));
    std::string id = crypto::randomToken();
    std::string at = util::sqlTime(now);
    const std::string agent = domain::storableUserAgent(origin.userAgent);
    const std::string address(origin.clientAddress.substr(0, 45));
    tx.update(
        "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, user_agent, client_address)"
        " VALUES (?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''))",
        sessionIdHash(id), userId, at, at, agent, address);
    return id;
}

std::string sessionRef(std::string_view idHash) {
    return crypto::sha256Hex("ktk session ref:" + std::string(idHash)).substr(0, 32);
}

std::vector<SessionSummary> listSessions(db::Tx& tx, std::uint64_t userId, std::int64_t now) {
    db::Row r = tx.query(
        "SELECT id_hash, TIMESTAMPDIFF(SECOND, '1970-01-01', created_at) AS created,"
        " TIMESTAMPDIFF(SECOND, '1970-01-01', last_seen_at) AS seen, COALESCE(user_agent, '') AS agent,"
        " COALESCE(client_address, '') AS address"
        " FROM sessions WHERE user_id = ? AND last_seen_at > ? AND created_at > ?"
        " ORDER BY last_seen_at DESC, created_at DESC, id_hash",
        userId, util::sqlTime(now - kSessionIdleSeconds), util::sqlTime(now - kSessionAbsoluteSeconds));
    std::vector<SessionSummary> out;
    while (r->next()) {
        SessionSummary s;
        s.idHash = r->getString(1);
        s.createdAt = r->getInt64(2);
        s.lastSeenAt = r->getInt64(3);
        s.userAgent = r->getString(4);
        s.clientAddress = r->getString(5);
        out.push_back(std::move(s));
    }
    return out;
}

std::optional<std::string> renewSession(db::Tx& tx, std::string_view idHash) {
    std::string id = crypto::randomToken();
    if (tx.update("UPDATE sessions SET id_hash = ? WHERE id_hash = ?", sessionIdHash(id), idHash) != 1)
        return std::nullopt;
    return id;
}

void endSession(db::Tx& tx, std::string_view idHash) { tx.update("DELETE FROM sessions WHERE id_hash = ?", idHash); }

int endSessionsOfUser(db::Tx& tx, std::uint64_t userId, std::string_view exceptIdHash) {
    return tx.update("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?", userId, exceptIdHash);
}

}  // namespace ktk::repo
