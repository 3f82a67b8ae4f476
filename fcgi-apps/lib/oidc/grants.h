// What the provider hands out and takes back (migration 0017): the
// accounts' subjects, authorization codes, access and refresh tokens.
// Every code and token is 256 random bits (crypto::randomToken) of which
// only the SHA-256 is stored; a value not shaped like ours is never
// looked up. Each function runs inside the caller's transaction, so a
// code's use and the tokens it gives commit together or not at all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"

namespace ktk::oidc {

constexpr std::int64_t kCodeSeconds = 60;
constexpr std::int64_t kAccessTokenSeconds = 600;
// A refresh token lives no longer than the portal session it came from
// can (repo::kSessionAbsoluteSeconds), and ends with it.
constexpr std::int64_t kRefreshTokenSeconds = 12 * 3600;

// The `sid` of a portal session towards the services: 128 bits of a hash
// of the session's first stored hash (sessions.id_hash when it started),
// so the value says nothing about the cookie. Kept on the session row
// (migration 0022), so a renewed session keeps the sid its services know.
std::string sidOf(std::string_view sessionIdHash);
// The kept sid of the live session whose id_hash is given ("" when none).
std::string sessionSid(db::Tx& tx, std::string_view sessionIdHash);

// The account's `sub`, made (128 random bits) on first use.
std::string subjectOf(db::Tx& tx, std::uint64_t userId);
// The account a `sub` belongs to.
std::optional<std::uint64_t> userOfSubject(db::Tx& tx, std::string_view sub);

// PKCE (RFC 7636), S256 only: a challenge is 43 base64url characters (a
// SHA-256); a verifier 43–128 characters of A–Z a–z 0–9 - . _ ~.
bool validChallenge(std::string_view challenge);
bool pkceMatches(std::string_view verifier, std::string_view challenge);

// What a code stands for, and the tokens issued from it carry.
struct Grant {
    std::uint64_t clientRef = 0;  // oidc_clients.id
    std::uint64_t userId = 0;
    std::string sid;
    std::string redirectUri;
    std::string scope;  // space-separated, as normalizeScope gives it
    std::string nonce;  // empty: none
    std::string codeChallenge;  // empty: none (only a confidential client may omit it)
    std::int64_t authTime = 0;  // when the person last gave their password
};

std::string issueCode(db::Tx& tx, const Grant& grant, std::int64_t now);

enum class CodeOutcome {
    Ok,
    Unknown,        // no such code (or not shaped like one)
    Expired,
    Reused,         // used before: every token issued from it is revoked now
    WrongClient,    // issued to another client
    WrongRedirect,  // redirect_uri differs from the request's
    WrongVerifier,  // PKCE verifier missing or not the challenge's
};
struct Redeemed {
    CodeOutcome outcome = CodeOutcome::Unknown;
    Grant grant;
    std::string family;  // ties the tokens to the code
};
// Uses the code up (only the first of two concurrent uses gets Ok).
// `verifier` empty: none was sent.
Redeemed redeemCode(db::Tx& tx, std::string_view code, std::uint64_t clientRef, std::string_view redirectUri,
                    std::string_view verifier, std::int64_t now);

struct Tokens {
    std::string access;
    std::string refresh;  // empty: none
};
Tokens issueTokens(db::Tx& tx, const Grant& grant, const std::string& family, std::int64_t now);

enum class RefreshOutcome { Ok, Unknown, Expired, Revoked, Reused, WrongClient };
struct Refreshed {
    RefreshOutcome outcome = RefreshOutcome::Unknown;
    Grant grant;  // the family's (no redirect URI, nonce or challenge)
    Tokens tokens;
};
// Rotates a refresh token: the old one is used up, a new access and
// refresh token of the same family are issued. A rotated one presented
// again revokes the whole family (Reused). `accessScope`, when not empty,
// is the narrower scope the client asked this time (RFC 6749 §6): the new
// access token carries only it, the new refresh token keeps the family's.
// The caller checks that it is within the family's (activeToken).
Refreshed useRefreshToken(db::Tx& tx, std::string_view token, std::uint64_t clientRef, std::int64_t now,
                          const std::string& accessScope = {});

// A token as introspection and userinfo see it; nullopt when it is not
// ours, expired, revoked or (a refresh token) already rotated.
struct ActiveToken {
    bool refresh = false;
    Grant grant;
    std::int64_t issuedAt = 0;
    std::int64_t expiresAt = 0;
};
std::optional<ActiveToken> activeToken(db::Tx& tx, std::string_view token, std::int64_t now);

// RFC 7009: revokes the token if it is the client's (a refresh token with
// its whole family); true when something was revoked. A token of another
// client or one not ours changes nothing.
bool revokeToken(db::Tx& tx, std::string_view token, std::uint64_t clientRef, std::int64_t now);

// Every token the account holds from the client (its consent withdrawn).
int revokeUserClient(db::Tx& tx, std::uint64_t userId, std::uint64_t clientRef, std::int64_t now);

// Every token of a portal session (when it ends); returns how many.
int revokeSession(db::Tx& tx, const std::string& sid, std::int64_t now);

// The scope as stored and sent back: the known scopes asked for, in the
// provider's order; nullopt when it names one we do not know or lacks
// "openid".
std::optional<std::string> normalizeScope(std::string_view scope);
bool hasScope(std::string_view scope, std::string_view one);
// The words of a space-separated list (a scope, a prompt), in order.
std::vector<std::string> spaceSeparated(std::string_view list);

}  // namespace ktk::oidc
