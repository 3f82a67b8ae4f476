#include "service/own_sessions.h"

#include <algorithm>

#include "db/database.h"
#include "domain/user_agent.h"
#include "repo/audit.h"
#include "repo/sessions.h"
#include "util/clock.h"
#include "util/json.h"

namespace ktk::service {

namespace {

void audit(db::Tx& tx, std::uint64_t userId, std::string_view clientAddress, const char* action, std::string after) {
    repo::AuditEntry e;
    e.actor = repo::Actor::user(userId);
    e.clientAddress = std::string(clientAddress);
    e.action = action;
    e.targetUserId = userId;
    e.after = std::move(after);
    repo::recordAudit(tx, e);
}

// Compares references in constant time (they are short hex strings).
bool sameRef(const std::string& a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

}  // namespace

std::vector<OwnSession> listOwnSessions(db::Database& db, std::uint64_t userId, std::string_view currentIdHash) {
    const std::vector<repo::SessionSummary> rows =
        db.autocommit([&](db::Tx& tx) { return repo::listSessions(tx, userId, util::now()); });
    std::vector<OwnSession> out;
    for (const repo::SessionSummary& s : rows)
        out.push_back({repo::sessionRef(s.idHash), s.idHash == currentIdHash, s.createdAt, s.lastSeenAt,
                       s.userAgent, s.clientAddress});
    std::stable_partition(out.begin(), out.end(), [](const OwnSession& s) { return s.current; });
    return out;
}

RevokeOutcome revokeOwnSession(db::Database& db, std::uint64_t userId, std::string_view ref,
                               std::string_view currentIdHash, std::string_view clientAddress) {
    if (ref.size() != 32) return RevokeOutcome::NotFound;
    return db.transact([&](db::Tx& tx) {
        for (const repo::SessionSummary& s : repo::listSessions(tx, userId, util::now())) {
            if (!sameRef(repo::sessionRef(s.idHash), ref)) continue;
            const bool current = s.idHash == currentIdHash;
            repo::endSession(tx, s.idHash);
            const domain::BrowserName n = domain::browserName(s.userAgent);
            audit(tx, userId, clientAddress, "session.revoked",
                  util::jsonText({{"session", repo::sessionRef(s.idHash)},
                                  {"browser", n.browser},
                                  {"platform", n.platform},
                                  {"session_address", s.clientAddress},
                                  {"current", current}}));
            return current ? RevokeOutcome::RevokedCurrent : RevokeOutcome::Revoked;
        }
        return RevokeOutcome::NotFound;
    });
}

int revokeOtherSessions(db::Database& db, std::uint64_t userId, std::string_view currentIdHash,
                        std::string_view clientAddress) {
    return db.transact([&](db::Tx& tx) {
        const int ended = repo::endSessionsOfUser(tx, userId, currentIdHash);
        audit(tx, userId, clientAddress, "session.revoked_others", util::jsonText({{"sessions_ended", ended}}));
        return ended;
    });
}

}  // namespace ktk::service
