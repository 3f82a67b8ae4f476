#include "oidc/authorize.h"

#include <algorithm>

#include "crypto/random.h"
#include "oidc/grants.h"
#include "util/clock.h"
#include "view/views.h"

namespace ktk::oidc {

namespace {

constexpr std::size_t kMaxState = 1024;
constexpr std::size_t kMaxNonce = 512;
constexpr std::size_t kMaxHint = 320;

AuthError ownPage(std::string what) { return {false, std::move(what), ""}; }
AuthError back(std::string error, std::string description) {
    return {true, std::move(error), std::move(description)};
}

bool printable(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f) return false;
    return true;
}

std::optional<std::string> orNull(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

}  // namespace

Checked checkRequest(const std::function<std::string(std::string_view)>& param,
                     const std::function<bool(std::string_view)>& repeated,
                     const std::function<std::optional<Client>(std::string_view)>& findClient) {
    Checked out;
    // 1. Whom to answer: a client we know and one of its redirect URIs,
    // exactly. Anything else is shown here; an attacker's URI never gets
    // a redirect.
    const std::string clientId = param("client_id");
    if (clientId.empty() || repeated("client_id")) {
        out.error = ownPage("client_id");
        return out;
    }
    std::optional<Client> client = findClient(clientId);
    if (!client || !client->enabled()) {
        out.error = ownPage("client_id");
        return out;
    }
    const std::string redirectUri = param("redirect_uri");
    if (redirectUri.empty() || repeated("redirect_uri") ||
        std::find(client->redirectUris.begin(), client->redirectUris.end(), redirectUri) ==
            client->redirectUris.end()) {
        out.error = ownPage("redirect_uri");
        return out;
    }
    out.redirectUri = redirectUri;
    const std::string state = param("state");
    if (state.size() <= kMaxState && printable(state)) out.state = state;

    // 2. The rest goes back to the client.
    for (const char* name : {"response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method",
                             "prompt", "max_age", "login_hint", "response_mode"})
        if (repeated(name)) {
            out.error = back("invalid_request", std::string(name) + " given twice");
            return out;
        }
    if (state.size() > kMaxState || !printable(state)) {
        out.error = back("invalid_request", "state too long or not printable");
        return out;
    }
    if (!param("request").empty()) {
        out.error = back("request_not_supported", "request objects are not supported");
        return out;
    }
    if (!param("request_uri").empty()) {
        out.error = back("request_uri_not_supported", "request_uri is not supported");
        return out;
    }
    const std::string responseType = param("response_type");
    if (responseType.empty()) {
        out.error = back("invalid_request", "response_type is required");
        return out;
    }
    if (responseType != "code") {
        out.error = back("unsupported_response_type", "only the authorization code flow (response_type=code)");
        return out;
    }
    const std::string mode = param("response_mode");
    if (!mode.empty() && mode != "query") {
        out.error = back("invalid_request", "only response_mode=query");
        return out;
    }
    std::optional<std::string> scope = normalizeScope(param("scope"));
    if (!scope) {
        out.error = back("invalid_scope", "scope must include openid and only: openid profile email phone ktk");
        return out;
    }
    const std::string challenge = param("code_challenge"), method = param("code_challenge_method");
    if (!challenge.empty() || !method.empty()) {
        if (method != "S256") {
            out.error = back("invalid_request", "code_challenge_method must be S256");
            return out;
        }
        if (!validChallenge(challenge)) {
            out.error = back("invalid_request", "code_challenge must be a base64url SHA-256 (43 characters)");
            return out;
        }
    } else if (!client->confidential) {
        out.error = back("invalid_request", "PKCE (code_challenge, S256) is required for public clients");
        return out;
    }
    const std::vector<std::string> prompts = spaceSeparated(param("prompt"));
    for (const std::string& p : prompts)
        if (p != "none" && p != "login" && p != "consent" && p != "select_account") {
            out.error = back("invalid_request", "unknown prompt value");
            return out;
        }
    const bool none = std::find(prompts.begin(), prompts.end(), "none") != prompts.end();
    if (none && prompts.size() > 1) {
        out.error = back("invalid_request", "prompt=none cannot be combined");
        return out;
    }
    std::optional<std::int64_t> maxAge;
    if (const std::string m = param("max_age"); !m.empty()) {
        if (m.size() > 9 || m.find_first_not_of("0123456789") != std::string::npos) {
            out.error = back("invalid_request", "max_age must be a number of seconds");
            return out;
        }
        maxAge = std::stoll(m);
    }
    const std::string nonce = param("nonce");
    if (nonce.size() > kMaxNonce || !printable(nonce)) {
        out.error = back("invalid_request", "nonce too long or not printable");
        return out;
    }
    std::string hint = param("login_hint");
    if (hint.size() > kMaxHint || !printable(hint)) hint.clear();  // only a hint: dropped, not refused

    AuthRequest r;
    r.client = std::move(*client);
    r.redirectUri = redirectUri;
    r.scope = *scope;
    r.state = state;
    r.nonce = nonce;
    r.codeChallenge = challenge;
    r.loginHint = hint;
    r.maxAge = maxAge;
    if (none) r.prompt = "none";
    else if (std::find(prompts.begin(), prompts.end(), "login") != prompts.end()) r.prompt = "login";
    else if (std::find(prompts.begin(), prompts.end(), "consent") != prompts.end()) r.prompt = "consent";
    out.request = std::move(r);
    return out;
}

std::string redirectTo(const std::string& uri, const std::vector<std::pair<std::string, std::string>>& params) {
    std::string out = uri;
    char sep = uri.find('?') == std::string::npos ? '?' : '&';
    for (const auto& [name, value] : params) {
        out += sep + name + "=" + view::percentEncode(value);
        sep = '&';
    }
    return out;
}

std::string originOf(const std::string& uri) {
    const std::size_t scheme = uri.find("://");
    if (scheme == std::string::npos) return "";
    return uri.substr(0, uri.find_first_of("/?", scheme + 3));
}

std::string keepRequest(db::Tx& tx, const AuthRequest& r, std::int64_t now) {
    std::string handle = crypto::randomToken();
    tx.update(
        "INSERT INTO oidc_requests (handle_hash, client_ref, redirect_uri, scope, state, nonce, code_challenge, prompt,"
        " max_age, login_hint, login_after, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        crypto::sha256Hex(handle), r.client.id, r.redirectUri, r.scope, orNull(r.state), orNull(r.nonce),
        orNull(r.codeChallenge), r.prompt, r.maxAge, orNull(r.loginHint),
        r.loginAfter ? std::optional<std::string>(util::sqlTime(r.loginAfter)) : std::nullopt, util::sqlTime(now),
        util::sqlTime(now + kRequestSeconds));
    return handle;
}

std::optional<AuthRequest> keptRequest(db::Tx& tx, std::string_view handle, std::int64_t now) {
    if (!crypto::isToken(handle)) return std::nullopt;
    db::Row r = tx.query(
        "SELECT c.client_id, q.redirect_uri, q.scope, COALESCE(q.state, '') AS state, COALESCE(q.nonce, '') AS nonce,"
        " COALESCE(q.code_challenge, '') AS challenge, q.prompt, q.max_age,"
        " COALESCE(q.login_hint, '') AS hint,"
        " COALESCE(TIMESTAMPDIFF(SECOND, '1970-01-01', q.login_after), 0) AS after"
        " FROM oidc_requests q JOIN oidc_clients c ON c.id = q.client_ref"
        " WHERE q.handle_hash = ? AND q.used_at IS NULL AND q.expires_at > ?",
        crypto::sha256Hex(handle), util::sqlTime(now));
    if (!r->next()) return std::nullopt;
    const std::string clientId = r->getString(1);
    AuthRequest q;
    q.redirectUri = r->getString(2);
    q.scope = r->getString(3);
    q.state = r->getString(4);
    q.nonce = r->getString(5);
    q.codeChallenge = r->getString(6);
    q.prompt = r->getString(7);
    if (!r->isNull(8)) q.maxAge = r->getInt64(8);
    q.loginHint = r->getString(9);
    q.loginAfter = r->getInt64(10);
    std::optional<Client> client = findClient(tx, clientId);
    if (!client || !client->enabled()) return std::nullopt;
    q.client = std::move(*client);
    return q;
}

bool useRequest(db::Tx& tx, std::string_view handle, std::int64_t now) {
    if (!crypto::isToken(handle)) return false;
    return tx.update("UPDATE oidc_requests SET used_at = ? WHERE handle_hash = ? AND used_at IS NULL",
                     util::sqlTime(now), crypto::sha256Hex(handle)) > 0;
}

bool hasConsent(db::Tx& tx, std::uint64_t userId, std::uint64_t clientRef, const std::string& scope) {
    db::Row r = tx.query("SELECT scope FROM oidc_consents WHERE user_id = ? AND client_ref = ?", userId, clientRef);
    if (!r->next()) return false;
    const std::string given = r->getString(1);
    for (const std::string& s : spaceSeparated(scope))
        if (!hasScope(given, s)) return false;
    return true;
}

void giveConsent(db::Tx& tx, std::uint64_t userId, std::uint64_t clientRef, const std::string& scope,
                 std::int64_t now) {
    std::string all = scope;
    db::Row r = tx.query("SELECT scope FROM oidc_consents WHERE user_id = ? AND client_ref = ? FOR UPDATE", userId,
                         clientRef);
    if (r->next()) all += " " + std::string(r->getString(1));
    const std::string merged = normalizeScope(all).value_or(scope);
    tx.update(
        "INSERT INTO oidc_consents (user_id, client_ref, scope, granted_at) VALUES (?, ?, ?, ?)"
        " ON DUPLICATE KEY UPDATE scope = VALUES(scope), granted_at = VALUES(granted_at)",
        userId, clientRef, merged, util::sqlTime(now));
}

std::vector<Consent> consentsOf(db::Tx& tx, std::uint64_t userId) {
    db::Row r = tx.query(
        "SELECT k.client_ref, c.client_id, c.name, k.scope, k.granted_at FROM oidc_consents k"
        " JOIN oidc_clients c ON c.id = k.client_ref WHERE k.user_id = ? ORDER BY c.name, c.id",
        userId);
    std::vector<Consent> out;
    while (r->next()) out.push_back({r->getUInt64(1), r->getString(2), r->getString(3), r->getString(4), r->getString(5)});
    return out;
}

bool withdrawConsent(db::Tx& tx, std::uint64_t userId, std::uint64_t clientRef) {
    return tx.update("DELETE FROM oidc_consents WHERE user_id = ? AND client_ref = ?", userId, clientRef) > 0;
}

}  // namespace ktk::oidc
