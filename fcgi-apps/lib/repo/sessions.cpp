#include "repo/sessions.h"

#include "crypto/random.h"
#include "domain/user_agent.h"
#include "util/clock.h"

namespace ktk::repo {

std::string sessionIdHash(std::string_view id) { return crypto::sha256Hex(id); }

namespace {

// The session row's own columns, and whether they still make a live session.
struct SessionTimes {
    std::int64_t createdAt = 0;
    std::int64_t lastSeen = 0;
    bool live(std::int64_t now) const {
        return now - lastSeen < kSessionIdleSeconds && now - createdAt < kSessionAbsoluteSeconds;
    }
};

std::optional<Session> liveSession(db::Tx& tx, std::string idHash, const SessionTimes& times, Account user,
                                   std::int64_t now) {
    Session s;
    s.idHash = std::move(idHash);
    s.createdAt = times.createdAt;
    s.user = std::move(user);
    if (now - times.lastSeen >= kSessionTouchEverySeconds)
        tx.update("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", util::sqlTime(now), s.idHash);
    return s;
}

}  // namespace

std::optional<Session> loadSession(db::Tx& tx, std::string_view id, std::int64_t now, KeptAccounts* kept) {
    if (!crypto::isToken(id)) return std::nullopt;
    std::string idHash = sessionIdHash(id);
    // The two times as seconds since the epoch (the columns hold UTC): read
    // as numbers, not formatted into text by the connector and parsed back.
    // Every logged-in page runs this: the computed columns are named, as
    // the connector upper-cases each column's name into a map at every
    // execution (an expression's name is its whole text).
    if (const KeptAccounts::Entry* known = kept ? kept->find(idHash) : nullptr) {
        db::Row r = tx.query(
            "SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', created_at) AS created,"
            " TIMESTAMPDIFF(SECOND, '1970-01-01', last_seen_at) AS seen, account_stamp, user_id"
            " FROM sessions WHERE id_hash = ?",
            idHash);
        if (!r->next()) return std::nullopt;
        const SessionTimes times{r->getInt64(1), r->getInt64(2)};
        if (r->getUInt64(3) == known->stamp && r->getUInt64(4) == known->value.id) {
            // Kept at this stamp: the account was not disabled then, nor since.
            if (!times.live(now)) {
                endSession(tx, idHash);
                return std::nullopt;
            }
            return liveSession(tx, std::move(idHash), times, known->value, now);
        }
    }
    db::Row r = tx.query(
        "SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', s.created_at) AS created,"
        " TIMESTAMPDIFF(SECOND, '1970-01-01', s.last_seen_at) AS seen, u.id, u.email, u.last_name, u.first_name,"
        " u.language, u.role, u.municipality_id, u.office_id, m.name, m.tax_number, u.disabled_at IS NOT NULL AS disabled,"
        " m.office_id, t.confirmed_at IS NOT NULL AS totp_on, m.applications_version, s.account_stamp,"
        " o.name, o.applications_version AS office_version"
        " FROM sessions s JOIN users u ON u.id = s.user_id"
        " LEFT JOIN municipalities m ON m.id = u.municipality_id"
        " LEFT JOIN district_offices o ON o.id = u.office_id"
        " LEFT JOIN user_totp t ON t.user_id = u.id"
        " WHERE s.id_hash = ?",
        idHash);
    if (!r->next()) return std::nullopt;
    const SessionTimes times{r->getInt64(1), r->getInt64(2)};
    if (r->getBoolean(13) || !times.live(now)) {
        endSession(tx, idHash);
        return std::nullopt;
    }
    Account u;
    u.id = r->getUInt64(3);
    u.email = r->getString(4);
    u.lastName = r->getString(5);
    u.firstName = r->getString(6);
    u.language = domain::parseLang(std::string(r->getString(7))).value_or(domain::kDefaultLang);
    u.clerk = r->getString(8) == "clerk";
    u.secondFactorOn = r->getBoolean(15);
    if (!r->isNull(10)) u.officeId = r->getUInt64(10);
    if (!r->isNull(18)) {
        u.officeName = r->getString(18);
        u.officeApplicationsVersion = r->getUInt64(19);
    }
    if (!r->isNull(9)) {
        Municipality m;
        m.id = r->getUInt64(9);
        m.name = r->getString(11);
        m.taxNumber = r->getString(12);
        m.officeId = r->getUInt64(14);
        m.applicationsVersion = r->getUInt64(16);
        u.municipality = std::move(m);
    }
    if (kept) kept->keep(idHash, r->getUInt64(17), u);
    return liveSession(tx, std::move(idHash), times, std::move(u), now);
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
