// A person's own sessions on the Security tab (README, "Forgotten
// password, profile and the Security tab": "Where you are logged in"):
// the list, and logging out one of them or all but the current one. Only
// the person's own sessions are ever touched; a session is named on the
// page by its opaque reference (repo::sessionRef), never by its key.
// Ending a session deletes its row; the tokens the services got from it
// end with it (trigger sessions_end_oidc_tokens, 0019).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/fwd.h"

namespace ktk::service {

struct OwnSession {
    std::string ref;  // repo::sessionRef of the row
    bool current = false;
    std::int64_t createdAt = 0;
    std::int64_t lastSeenAt = 0;
    std::string userAgent;
    std::string clientAddress;
};

// The live sessions of the user, the one stored under `currentIdHash`
// first, then the most recently active.
std::vector<OwnSession> listOwnSessions(db::Database& db, std::uint64_t userId, std::string_view currentIdHash);

enum class RevokeOutcome {
    Revoked,         // another session of the user ended
    RevokedCurrent,  // the session that asked ended: the browser is logged out
    NotFound,        // no live session of this user has that reference
};

// Ends the user's session named `ref`; audits "session.revoked". A
// reference of someone else's session, a stale or a made-up one: NotFound,
// and nothing is written.
RevokeOutcome revokeOwnSession(db::Database& db, std::uint64_t userId, std::string_view ref,
                               std::string_view currentIdHash, std::string_view clientAddress);

// Ends every session of the user but the one stored under `currentIdHash`;
// audits "session.revoked_others" with how many ended. Returns that count.
int revokeOtherSessions(db::Database& db, std::uint64_t userId, std::string_view currentIdHash,
                        std::string_view clientAddress);

}  // namespace ktk::service
