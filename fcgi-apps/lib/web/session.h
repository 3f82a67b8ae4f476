// Server-side sessions (SPEC §4, sessions). The browser holds a random id
// of 256 bits in the session cookie; the table `sessions` holds only its
// SHA-256, so a copy of the table cannot be replayed. A session ends after
// 30 minutes without a request, 12 hours after login at the latest, at
// logout, and when the password changes (endAllForUser). Time comes from
// clock::now() only.
//
// Web handlers use the session through Context (user(), startSession(),
// endSession(), renewSessionId()); the functions here are the store
// underneath, for flows that act on other users' sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.h"
#include "view/language.h"
#include "web/cookie.h"

namespace ktk::session {

constexpr std::int64_t kIdleSeconds = 30 * 60;
constexpr std::int64_t kAbsoluteSeconds = 12 * 3600;
// last_seen_at is written at most this often: a page costs one SELECT, and
// the idle timeout is exact to within this many seconds.
constexpr std::int64_t kTouchEverySeconds = 60;

// The logged-in account as pages need it, with its municipality (contacts)
// read in the same query.
struct User {
    std::uint64_t id = 0;
    std::string email;
    std::string lastName;
    std::string firstName;
    Lang language = kDefaultLang;
    bool clerk = false;
    std::optional<std::uint64_t> municipalityId;
    std::optional<std::uint64_t> officeId;
    std::string municipalityName;       // "" when not linked
    std::string municipalityTaxNumber;  // "" when not linked
};

struct Loaded {
    std::string idHash;
    std::int64_t createdAt = 0;
    User user;
};

// The cookie's base name; under TLS it is "__Host-ktk_session".
constexpr const char* kCookieName = "ktk_session";

// The Set-Cookie for a session id: HttpOnly, SameSite=Lax, Path=/, until
// the browser closes (the server decides when it expires); under TLS with
// Secure and the __Host- prefix, which pins it to this host.
web::Cookie cookie(std::string id, bool tls);

// True when `id` has the shape of an id we issue (43 base64url
// characters); anything else is not looked up at all.
bool wellFormedId(std::string_view id);

// The SHA-256 (hex) under which an id is stored.
std::string hashId(std::string_view id);

// The live session for the cookie value `id`, or nothing. An expired
// session is deleted here; a disabled account has no live session.
std::optional<Loaded> load(db::Tx& tx, std::string_view id, std::int64_t now);

// A new session for the user; returns the id for the cookie. Also removes
// the user's expired sessions and a batch of long-abandoned ones.
std::string create(db::Tx& tx, std::uint64_t userId, std::int64_t now);

// A fresh id for the session stored under `idHash` (same user, same login
// time); returns the new id, or nothing when that session is gone.
std::optional<std::string> renew(db::Tx& tx, std::string_view idHash);

// Ends one session.
void end(db::Tx& tx, std::string_view idHash);

// Ends every session of the user except the one stored under
// `exceptIdHash` (none when empty). Returns how many ended.
int endAllForUser(db::Tx& tx, std::uint64_t userId, std::string_view exceptIdHash = {});

}  // namespace ktk::session
