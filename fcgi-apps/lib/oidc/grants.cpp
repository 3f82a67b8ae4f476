#include "oidc/grants.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "crypto/random.h"
#include "oidc/metadata.h"
#include "util/clock.h"

namespace ktk::oidc {

namespace {

std::string hashOf(std::string_view token) { return crypto::sha256Hex(token); }

bool isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

std::optional<std::string> orNull(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// Columns 1–8 of a code or token row: client_ref, user_id, sid, scope,
// auth_time (seconds), then what each kind adds.
Grant grantFrom(db::Row& r) {
    Grant g;
    g.clientRef = r->getUInt64(1);
    g.userId = r->getUInt64(2);
    g.sid = r->getString(3);
    g.scope = r->getString(4);
    g.authTime = r->getInt64(5);
    return g;
}

void revokeFamily(db::Tx& tx, const std::string& family, std::int64_t now) {
    tx.update("UPDATE oidc_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL", util::sqlTime(now),
              family);
}

std::string insertToken(db::Tx& tx, const char* kind, const Grant& g, const std::string& family, std::int64_t now,
                        std::int64_t lifetime) {
    std::string token = crypto::randomToken();
    tx.update(
        "INSERT INTO oidc_tokens (token_hash, kind, family, client_ref, user_id, sid, scope, auth_time, created_at,"
        " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        hashOf(token), std::string(kind), family, g.clientRef, g.userId, g.sid, g.scope, util::sqlTime(g.authTime),
        util::sqlTime(now), util::sqlTime(now + lifetime));
    return token;
}

}  // namespace

std::string sidOf(std::string_view sessionIdHash) {
    return crypto::sha256Hex("ktk oidc sid:" + std::string(sessionIdHash)).substr(0, 32);
}

std::string sessionSid(db::Tx& tx, std::string_view sessionIdHash) {
    db::Row r = tx.query("SELECT sid FROM sessions WHERE id_hash = ?", sessionIdHash);
    return r->next() ? std::string(r->getString(1)) : std::string();
}

std::string subjectOf(db::Tx& tx, std::uint64_t userId) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        db::Row r = tx.query("SELECT sub FROM oidc_subjects WHERE user_id = ?", userId);
        if (r->next()) return r->getString(1);
        const std::string sub = crypto::base64UrlEncode(crypto::randomBytes(16));
        // Duplicate: another request made this account's sub meanwhile (or,
        // once in 2^64, the same random value): read again.
        if (tx.insert("INSERT INTO oidc_subjects (user_id, sub) VALUES (?, ?)", userId, sub) == db::Insert::Added)
            return sub;
    }
    throw std::runtime_error("cannot make a subject");
}

std::optional<std::uint64_t> userOfSubject(db::Tx& tx, std::string_view sub) {
    if (sub.size() != 22) return std::nullopt;
    db::Row r = tx.query("SELECT user_id FROM oidc_subjects WHERE sub = ?", sub);
    if (!r->next()) return std::nullopt;
    return r->getUInt64(1);
}

bool validChallenge(std::string_view challenge) {
    if (challenge.size() != 43) return false;
    for (char c : challenge)
        if (!isBase64Url(c)) return false;
    return true;
}

bool pkceMatches(std::string_view verifier, std::string_view challenge) {
    if (verifier.size() < 43 || verifier.size() > 128 || !validChallenge(challenge)) return false;
    for (char c : verifier)
        if (!isBase64Url(c) && c != '.' && c != '~') return false;
    return crypto::constantTimeEqual(crypto::base64UrlEncode(crypto::sha256(verifier)), challenge);
}

std::string issueCode(db::Tx& tx, const Grant& g, std::int64_t now) {
    std::string code = crypto::randomToken();
    const std::string hash = hashOf(code);
    tx.update(
        "INSERT INTO oidc_codes (code_hash, family, client_ref, user_id, sid, redirect_uri, scope, nonce,"
        " code_challenge, auth_time, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        hash, hash, g.clientRef, g.userId, g.sid, g.redirectUri, g.scope, orNull(g.nonce), orNull(g.codeChallenge),
        util::sqlTime(g.authTime), util::sqlTime(now), util::sqlTime(now + kCodeSeconds));
    return code;
}

Redeemed redeemCode(db::Tx& tx, std::string_view code, std::uint64_t clientRef, std::string_view redirectUri,
                    std::string_view verifier, std::int64_t now) {
    Redeemed out;
    if (!crypto::isToken(code)) return out;
    const std::string hash = hashOf(code);
    // The row lock: of two uses at once, the second waits and sees used_at.
    db::Row r = tx.query(
        "SELECT client_ref, user_id, sid, scope, TIMESTAMPDIFF(SECOND, '1970-01-01', auth_time) AS auth,"
        " redirect_uri, COALESCE(nonce, '') AS nonce, COALESCE(code_challenge, '') AS challenge,"
        " used_at IS NOT NULL AS used, expires_at <= ? AS expired, family"
        " FROM oidc_codes WHERE code_hash = ? FOR UPDATE",
        util::sqlTime(now), hash);
    if (!r->next()) return out;
    out.grant = grantFrom(r);
    out.grant.redirectUri = r->getString(6);
    out.grant.nonce = r->getString(7);
    out.grant.codeChallenge = r->getString(8);
    const bool used = r->getBoolean(9), expired = r->getBoolean(10);
    out.family = r->getString(11);
    if (used) {
        revokeFamily(tx, out.family, now);
        out.outcome = CodeOutcome::Reused;
        return out;
    }
    // Any other failure uses the code up too: it was presented, and a
    // second try with other values is an attacker's.
    tx.update("UPDATE oidc_codes SET used_at = ? WHERE code_hash = ?", util::sqlTime(now), hash);
    if (expired) out.outcome = CodeOutcome::Expired;
    else if (out.grant.clientRef != clientRef) out.outcome = CodeOutcome::WrongClient;
    else if (out.grant.redirectUri != redirectUri) out.outcome = CodeOutcome::WrongRedirect;
    else if (out.grant.codeChallenge.empty() ? !verifier.empty()
                                             : !pkceMatches(verifier, out.grant.codeChallenge))
        out.outcome = CodeOutcome::WrongVerifier;
    else out.outcome = CodeOutcome::Ok;
    return out;
}

Tokens issueTokens(db::Tx& tx, const Grant& g, const std::string& family, std::int64_t now) {
    Tokens t;
    t.access = insertToken(tx, "access", g, family, now, kAccessTokenSeconds);
    t.refresh = insertToken(tx, "refresh", g, family, now, kRefreshTokenSeconds);
    return t;
}

Refreshed useRefreshToken(db::Tx& tx, std::string_view token, std::uint64_t clientRef, std::int64_t now,
                          const std::string& accessScope) {
    Refreshed out;
    if (!crypto::isToken(token)) return out;
    const std::string hash = hashOf(token);
    db::Row r = tx.query(
        "SELECT client_ref, user_id, sid, scope, TIMESTAMPDIFF(SECOND, '1970-01-01', auth_time) AS auth,"
        " family, rotated_at IS NOT NULL AS rotated, revoked_at IS NOT NULL AS revoked, expires_at <= ? AS expired,"
        " TIMESTAMPDIFF(SECOND, '1970-01-01', expires_at) AS expires"
        " FROM oidc_tokens WHERE token_hash = ? AND kind = 'refresh' FOR UPDATE",
        util::sqlTime(now), hash);
    if (!r->next()) return out;
    out.grant = grantFrom(r);
    const std::string family = r->getString(6);
    const bool rotated = r->getBoolean(7), revoked = r->getBoolean(8), expired = r->getBoolean(9);
    const std::int64_t expiresAt = r->getInt64(10);
    if (out.grant.clientRef != clientRef) {
        out.outcome = RefreshOutcome::WrongClient;
        return out;
    }
    if (revoked) {
        out.outcome = RefreshOutcome::Revoked;
        return out;
    }
    if (rotated) {
        revokeFamily(tx, family, now);
        out.outcome = RefreshOutcome::Reused;
        return out;
    }
    if (expired) {
        out.outcome = RefreshOutcome::Expired;
        return out;
    }
    tx.update("UPDATE oidc_tokens SET rotated_at = ? WHERE token_hash = ?", util::sqlTime(now), hash);
    Grant access = out.grant;
    if (!accessScope.empty()) access.scope = accessScope;
    out.tokens.access = insertToken(tx, "access", access, family, now, kAccessTokenSeconds);
    // The new refresh token ends when the old one would have: a family
    // never outlives its first token.
    out.tokens.refresh = insertToken(tx, "refresh", out.grant, family, now, expiresAt - now);
    out.outcome = RefreshOutcome::Ok;
    return out;
}

std::optional<ActiveToken> activeToken(db::Tx& tx, std::string_view token, std::int64_t now) {
    if (!crypto::isToken(token)) return std::nullopt;
    db::Row r = tx.query(
        "SELECT client_ref, user_id, sid, scope, TIMESTAMPDIFF(SECOND, '1970-01-01', auth_time) AS auth,"
        " kind = 'refresh' AS refresh, TIMESTAMPDIFF(SECOND, '1970-01-01', created_at) AS issued,"
        " TIMESTAMPDIFF(SECOND, '1970-01-01', expires_at) AS expires"
        " FROM oidc_tokens WHERE token_hash = ? AND revoked_at IS NULL AND rotated_at IS NULL AND expires_at > ?",
        hashOf(token), util::sqlTime(now));
    if (!r->next()) return std::nullopt;
    ActiveToken t;
    t.grant = grantFrom(r);
    t.refresh = r->getBoolean(6);
    t.issuedAt = r->getInt64(7);
    t.expiresAt = r->getInt64(8);
    return t;
}

bool revokeToken(db::Tx& tx, std::string_view token, std::uint64_t clientRef, std::int64_t now) {
    if (!crypto::isToken(token)) return false;
    db::Row r = tx.query("SELECT kind = 'refresh' AS refresh, family FROM oidc_tokens WHERE token_hash = ? AND client_ref = ?",
                         hashOf(token), clientRef);
    if (!r->next()) return false;
    if (r->getBoolean(1)) {
        const std::string family = r->getString(2);
        return tx.update("UPDATE oidc_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL",
                         util::sqlTime(now), family) > 0;
    }
    return tx.update("UPDATE oidc_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                     util::sqlTime(now), hashOf(token)) > 0;
}

int revokeUserClient(db::Tx& tx, std::uint64_t userId, std::uint64_t clientRef, std::int64_t now) {
    return tx.update("UPDATE oidc_tokens SET revoked_at = ? WHERE user_id = ? AND client_ref = ? AND revoked_at IS NULL",
                     util::sqlTime(now), userId, clientRef);
}

int revokeSession(db::Tx& tx, const std::string& sid, std::int64_t now) {
    return tx.update("UPDATE oidc_tokens SET revoked_at = ? WHERE sid = ? AND revoked_at IS NULL", util::sqlTime(now),
                     sid);
}

std::vector<std::string> spaceSeparated(std::string_view list) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < list.size()) {
        if (list[i] == ' ') {
            ++i;
            continue;
        }
        const std::size_t end = std::min(list.find(' ', i), list.size());
        out.emplace_back(list.substr(i, end - i));
        i = end;
    }
    return out;
}

std::optional<std::string> normalizeScope(std::string_view scope) {
    const std::vector<std::string> asked = spaceSeparated(scope);
    for (const std::string& s : asked)
        if (std::find(kScopes.begin(), kScopes.end(), s) == kScopes.end()) return std::nullopt;
    std::string out;
    for (const std::string& known : kScopes)
        if (std::find(asked.begin(), asked.end(), known) != asked.end()) out += (out.empty() ? "" : " ") + known;
    if (!hasScope(out, "openid")) return std::nullopt;
    return out;
}

bool hasScope(std::string_view scope, std::string_view one) {
    std::size_t i = 0;
    while (i <= scope.size()) {
        const std::size_t end = std::min(scope.find(' ', i), scope.size());
        if (scope.substr(i, end - i) == one) return true;
        i = end + 1;
    }
    return false;
}

}  // namespace ktk::oidc
