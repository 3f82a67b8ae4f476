#include "oidc/token_handlers.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "oidc/claims.h"
#include "oidc/grants.h"
#include "oidc/token_support.h"
#include "repo/accounts.h"
#include "util/clock.h"

namespace ktk::oidc_app {

namespace {

// The parameters of both grants, each sent at most once, in the body.
struct TokenRequest {
    bool wellFormed = true;
    std::string grantType, code, redirectUri, verifier, refreshToken, scope;
};

TokenRequest readRequest(const web::Request& req) {
    TokenRequest t;
    bool once = true;
    for (const auto& [name, out] : {std::pair<const char*, std::string*>{"grant_type", &t.grantType},
                                    {"code", &t.code},
                                    {"redirect_uri", &t.redirectUri},
                                    {"code_verifier", &t.verifier},
                                    {"refresh_token", &t.refreshToken},
                                    {"scope", &t.scope}})
        once = singleField(req, name, *out) && once;
    t.wellFormed = once && !hasQuery(req);
    return t;
}

// A grant type as the audit log names it: a registered one's name (RFC
// 6749 and its extensions: letters, digits and ":._-"), "other" for text.
std::string grantTypeForAudit(const std::string& g) {
    if (g.size() > 100) return "other";
    for (char c : g)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != ':' && c != '.' && c != '_' && c != '-')
            return "other";
    return g;
}

const char* reasonOf(oidc::CodeOutcome o) {
    switch (o) {
        case oidc::CodeOutcome::Ok: break;
        case oidc::CodeOutcome::Unknown: return "code_unknown";
        case oidc::CodeOutcome::Expired: return "code_expired";
        case oidc::CodeOutcome::Reused: return "code_reused";
        case oidc::CodeOutcome::WrongClient: return "code_of_another_client";
        case oidc::CodeOutcome::WrongRedirect: return "wrong_redirect_uri";
        case oidc::CodeOutcome::WrongVerifier: return "wrong_verifier";
    }
    return "ok";
}

const char* reasonOf(oidc::RefreshOutcome o) {
    switch (o) {
        case oidc::RefreshOutcome::Ok: break;
        case oidc::RefreshOutcome::Unknown: return "refresh_token_unknown";
        case oidc::RefreshOutcome::Expired: return "refresh_token_expired";
        case oidc::RefreshOutcome::Revoked: return "refresh_token_revoked";
        case oidc::RefreshOutcome::Reused: return "refresh_token_reused";
        case oidc::RefreshOutcome::WrongClient: return "refresh_token_of_another_client";
    }
    return "ok";
}

// Whether every scope of `asked` is in `granted` (both normalised).
bool within(const std::string& asked, const std::string& granted) {
    std::size_t i = 0;
    while (i < asked.size()) {
        const std::size_t end = std::min(asked.find(' ', i), asked.size());
        if (!oidc::hasScope(granted, std::string_view(asked).substr(i, end - i))) return false;
        i = end + 1;
    }
    return true;
}

// What the unit of work decided: a refusal, or what the answer is made of
// (its ID token is signed after the commit: a signature holds no lock).
struct Issued {
    const OAuthError* error = nullptr;
    bool basicTried = false;
    oidc::Tokens tokens;
    std::string scope;
    std::optional<oidc::Key> key;
    oidc::IdTokenFacts facts;
    util::Json claims;
};

// One token request inside its transaction. Every refusal is audited with
// its reason; a reused code or refresh token also as the reuse it is.
class Exchange {
public:
    Exchange(db::Tx& tx, const web::Context& ctx, oidc::Keyring& keyring, const TokenRequest& request,
             std::int64_t now)
        : tx_(tx), ctx_(ctx), keyring_(keyring), req_(request), now_(now) {}

    Issued run(const Credentials& credentials) {
        claimedClientId_ = credentials.clientId;
        if (!req_.wellFormed || credentials.problem == Credentials::Problem::Conflicting)
            return refuse(kInvalidRequest, "invalid_request");
        client_ = authenticate(tx_, credentials);
        if (!client_) {
            Issued out = refuse(kInvalidClient, "invalid_client");
            out.basicTried = credentials.basic;
            return out;
        }
        if (req_.grantType.empty()) return refuse(kInvalidRequest, "no_grant_type");
        if (req_.grantType == "authorization_code") return byCode();
        if (req_.grantType == "refresh_token") return byRefresh();
        return refuse(kUnsupportedGrantType, "unsupported_grant_type");
    }

private:
    db::Tx& tx_;
    const web::Context& ctx_;
    oidc::Keyring& keyring_;
    const TokenRequest& req_;
    const std::int64_t now_;
    std::string claimedClientId_;
    std::optional<oidc::Client> client_;

    // `sub`: the account's, when the caller has read it already.
    void record(const char* action, std::optional<std::uint64_t> userId, const std::string& scope,
                const std::string& reason, const std::string& sub = {}) {
        TokenEvent e;
        e.action = action;
        e.endpoint = "token";
        e.client = client_ ? &*client_ : nullptr;
        e.claimedClientId = claimedClientId_;
        e.userId = userId;
        if (userId) e.sub = sub.empty() ? oidc::subjectOf(tx_, *userId) : sub;
        e.grantType = grantTypeForAudit(req_.grantType);
        e.scope = scope;
        e.reason = reason;
        audit(tx_, ctx_, e);
    }

    Issued refuse(const OAuthError& error, const std::string& reason, std::optional<std::uint64_t> userId = {}) {
        record("oidc.token.refused", userId, "", reason);
        Issued out;
        out.error = &error;
        return out;
    }

    std::optional<repo::Account> allowedAccount(std::uint64_t userId) {
        std::optional<repo::Account> a = repo::findAccountById(tx_, userId);
        if (a && !mayUseServices(*a)) a.reset();
        return a;
    }

    Issued byCode() {
        if (req_.code.empty() || req_.redirectUri.empty()) return refuse(kInvalidRequest, "invalid_request");
        const oidc::Redeemed r =
            oidc::redeemCode(tx_, req_.code, client_->id, req_.redirectUri, req_.verifier, now_);
        std::optional<std::uint64_t> user;
        if (r.outcome != oidc::CodeOutcome::Unknown) user = r.grant.userId;
        if (r.outcome == oidc::CodeOutcome::Reused) record("oidc.code.reused", user, r.grant.scope, "code_reused");
        if (r.outcome != oidc::CodeOutcome::Ok) return refuse(kInvalidGrant, reasonOf(r.outcome), user);
        // The authorization endpoint requires PKCE of a public client; a
        // code without it is none of its.
        if (!client_->confidential && r.grant.codeChallenge.empty())
            return refuse(kInvalidGrant, "public_client_without_pkce", user);
        const std::optional<repo::Account> account = allowedAccount(r.grant.userId);
        if (!account) return refuse(kInvalidGrant, "account_not_allowed", user);
        const oidc::Tokens tokens = oidc::issueTokens(tx_, r.grant, r.family, now_);
        return answer("oidc.token.issued", *account, r.grant, tokens, r.grant.scope, r.grant.nonce);
    }

    Issued byRefresh() {
        if (req_.refreshToken.empty()) return refuse(kInvalidRequest, "invalid_request");
        // A narrower scope for this access token (RFC 6749 §6), checked
        // against the family's before anything is rotated. A token that is
        // no longer active gets its refusal from useRefreshToken.
        std::string accessScope;
        if (!req_.scope.empty()) {
            const std::optional<oidc::ActiveToken> current = oidc::activeToken(tx_, req_.refreshToken, now_);
            if (current && current->refresh && current->grant.clientRef == client_->id) {
                const std::optional<std::string> asked = oidc::normalizeScope(req_.scope);
                if (!asked || !within(*asked, current->grant.scope))
                    return refuse(kInvalidScope, "scope_exceeds_grant", current->grant.userId);
                accessScope = *asked;
            }
        }
        const oidc::Refreshed r = oidc::useRefreshToken(tx_, req_.refreshToken, client_->id, now_, accessScope);
        std::optional<std::uint64_t> user;
        if (r.outcome != oidc::RefreshOutcome::Unknown) user = r.grant.userId;
        if (r.outcome == oidc::RefreshOutcome::Reused)
            record("oidc.refresh.reused", user, r.grant.scope, "refresh_token_reused");
        if (r.outcome != oidc::RefreshOutcome::Ok) return refuse(kInvalidGrant, reasonOf(r.outcome), user);
        const std::optional<repo::Account> account = allowedAccount(r.grant.userId);
        if (!account) {
            // Nothing more for an account that may no longer use the
            // services: the family ends here.
            oidc::revokeToken(tx_, r.tokens.refresh, client_->id, now_);
            return refuse(kInvalidGrant, "account_not_allowed", user);
        }
        return answer("oidc.token.refreshed", *account, r.grant, r.tokens,
                      accessScope.empty() ? r.grant.scope : accessScope, "");
    }

    Issued answer(const char* action, const repo::Account& account, const oidc::Grant& grant,
                  const oidc::Tokens& tokens, const std::string& scope, const std::string& nonce) {
        Issued out;
        out.tokens = tokens;
        out.scope = scope;
        out.key = keyring_.current(tx_, client_->idTokenAlg, now_);
        out.facts.issuer = ctx_.app.config.baseUrl;
        out.facts.clientId = client_->clientId;
        out.facts.nonce = nonce;
        out.facts.sid = grant.sid;
        out.facts.authTime = grant.authTime;
        out.facts.now = now_;
        const std::string sub = oidc::subjectOf(tx_, account.id);
        out.claims = oidc::userClaims(account, sub, scope);
        record(action, account.id, scope, "", sub);
        return out;
    }
};

}  // namespace

web::Response TokenHandler::post(web::Context& ctx) {
    const std::int64_t now = util::now();
    const TokenRequest request = readRequest(ctx.req);
    const Credentials credentials = readCredentials(ctx.req);
    const Issued out = ctx.app.db.transact(
        [&](db::Tx& tx) { return Exchange(tx, ctx, keyring_, request, now).run(credentials); });
    if (out.error) return errorAnswer(*out.error, out.basicTried);
    return jsonAnswer(200, {{"access_token", out.tokens.access},
                            {"token_type", "Bearer"},
                            {"expires_in", oidc::kAccessTokenSeconds},
                            {"refresh_token", out.tokens.refresh},
                            {"id_token", oidc::idToken(*out.key, out.facts, out.claims)},
                            {"scope", out.scope}});
}

}  // namespace ktk::oidc_app
