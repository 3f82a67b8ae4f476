// Server-side sessions (table sessions). The browser holds a random id of
// 256 bits in the session cookie (web/session_cookie.h); the table holds
// only its SHA-256, so a copy of the table cannot be replayed. A session
// ends after 30 minutes without a request, 12 hours after login at the
// latest, at logout, and when the password changes (endSessionsOfUser).
// Time comes from util::now() only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "repo/accounts.h"
#include "util/stamped_cache.h"

namespace ktk::repo {

constexpr std::int64_t kSessionIdleSeconds = 30 * 60;
constexpr std::int64_t kSessionAbsoluteSeconds = 12 * 3600;
// last_seen_at is written at most this often: a page costs one SELECT, and
// the idle timeout is exact to within this many seconds.
constexpr std::int64_t kSessionTouchEverySeconds = 60;

struct Session {
    std::string idHash;
    std::int64_t createdAt = 0;
    // The logged-in account as pages need it, read in the same query: its
    // names, language, role, a clerk's office (id, name, applications
    // counter), and a contact's municipality (id, name, tax number, office,
    // applications counter). Nothing else is filled in.
    Account user;
};

// The SHA-256 (hex) under which an id is stored.
std::string sessionIdHash(std::string_view id);

// The accounts of the sessions a process served lately, by id hash, each
// with the session row's account_stamp it was read at (migration
// 0027_stamps counts the stamp up with every change of what the lookup
// reads of the user, the municipality and the second factor).
using KeptAccounts = util::StampedCache<std::string, Account>;
constexpr std::size_t kKeptAccounts = 256;

// The live session for the cookie value `id`, or nothing. An id that is
// not shaped like one we issue is not looked up at all. An expired
// session is deleted here; a disabled account has no live session. With
// `kept`, a session whose account is kept at its row's stamp costs the
// session row alone; any other is read whole and its account kept.
std::optional<Session> loadSession(db::Tx& tx, std::string_view id, std::int64_t now, KeptAccounts* kept = nullptr);

// Where a session was started: the browser's User-Agent header (kept as
// domain::storableUserAgent makes it) and the client address.
struct SessionOrigin {
    std::string_view userAgent;
    std::string_view clientAddress;
};

// A new session for the user; returns the id for the cookie. Also removes
// the user's expired sessions and a batch of long-abandoned ones.
std::string createSession(db::Tx& tx, std::uint64_t userId, std::int64_t now, const SessionOrigin& origin = {});

// One of a person's live sessions, as their Security tab lists it.
struct SessionSummary {
    std::string idHash;  // never shown: the page names a session by sessionRef(idHash)
    std::int64_t createdAt = 0;
    std::int64_t lastSeenAt = 0;
    std::string userAgent;      // "" when not recorded
    std::string clientAddress;  // "" when not recorded
};

// The opaque name of a session on the person's own pages: 32 hex
// characters of SHA-256("ktk session ref:" + id_hash). It identifies the
// row without revealing its key, and leads to no cookie.
std::string sessionRef(std::string_view idHash);

// The user's sessions that are still live at `now`, the most recently
// active first.
std::vector<SessionSummary> listSessions(db::Tx& tx, std::uint64_t userId, std::int64_t now);

// A fresh id for the session stored under `idHash` (same user, same login
// time); returns the new id, or nothing when that session is gone.
std::optional<std::string> renewSession(db::Tx& tx, std::string_view idHash);

// Ends one session.
void endSession(db::Tx& tx, std::string_view idHash);

// Ends every session of the user except the one stored under
// `exceptIdHash` (none when empty). Returns how many ended.
int endSessionsOfUser(db::Tx& tx, std::uint64_t userId, std::string_view exceptIdHash = {});

}  // namespace ktk::repo
