// /oauth2/userinfo, /oauth2/revoke and /oauth2/introspect (token_handlers.h).
#include <optional>

#include "oidc/claims.h"
#include "oidc/grants.h"
#include "oidc/token_handlers.h"
#include "oidc/token_support.h"
#include "repo/accounts.h"
#include "util/clock.h"

namespace ktk::oidc_app {

namespace {

// A token as the services may still rely on it: active, of an enabled
// client, for an account that may use the services now.
struct Honoured {
    oidc::ActiveToken token;
    oidc::Client client;
    repo::Account account;
};

std::optional<Honoured> honoured(db::Tx& tx, std::string_view token, std::int64_t now, std::string& whyNot) {
    std::optional<oidc::ActiveToken> t = oidc::activeToken(tx, token, now);
    if (!t) {
        whyNot = "token_inactive";
        return std::nullopt;
    }
    std::optional<oidc::Client> client = oidc::findClientByRef(tx, t->grant.clientRef);
    std::optional<repo::Account> account = repo::findAccountById(tx, t->grant.userId);
    if (!client || !client->enabled()) whyNot = "client_disabled";
    else if (!account || !mayUseServices(*account)) whyNot = "account_not_allowed";
    else return Honoured{std::move(*t), std::move(*client), std::move(*account)};
    return std::nullopt;
}

// RFC 6750 §3: no error code when no token came at all.
web::Response bearerRefusal(const OAuthError* e) {
    web::Response r = e ? errorAnswer(*e) : jsonAnswer(401, util::Json::object());
    r.headers.emplace_back("WWW-Authenticate", e ? "Bearer error=\"" + std::string(e->error) + "\"" : "Bearer");
    return r;
}

web::Response userinfo(web::Context& ctx, bool post) {
    const Bearer bearer = readBearer(ctx.req, post);
    if (bearer.problem == Bearer::Problem::Missing) return bearerRefusal(nullptr);
    if (bearer.problem == Bearer::Problem::Malformed) return bearerRefusal(&kInvalidRequest);
    const std::int64_t now = util::now();
    const std::optional<util::Json> claims = ctx.app.db.transact([&](db::Tx& tx) -> std::optional<util::Json> {
        TokenEvent e;
        e.endpoint = "userinfo";
        std::string whyNot;
        std::optional<Honoured> h = honoured(tx, bearer.token, now, whyNot);
        if (h && h->token.refresh) {
            whyNot = "refresh_token_as_access_token";
            h.reset();
        }
        if (!h) {
            e.action = "oidc.token.refused";
            e.reason = whyNot;
            audit(tx, ctx, e);
            return std::nullopt;
        }
        e.action = "oidc.token.used";
        e.client = &h->client;
        e.userId = h->account.id;
        e.sub = oidc::subjectOf(tx, h->account.id);
        e.scope = h->token.grant.scope;
        audit(tx, ctx, e);
        return oidc::userClaims(h->account, e.sub, h->token.grant.scope);
    });
    if (!claims) return bearerRefusal(&kInvalidToken);
    return jsonAnswer(200, *claims);
}

// The client of a revocation or introspection request, authenticated as
// at the token endpoint; its refusal audited.
struct Caller {
    std::optional<oidc::Client> client;
    const OAuthError* error = nullptr;
    bool basicTried = false;
};

Caller caller(db::Tx& tx, const web::Context& ctx, const char* endpoint, const Credentials& credentials,
              bool wellFormed, bool confidentialOnly) {
    Caller c;
    TokenEvent e;
    e.action = "oidc.token.refused";
    e.endpoint = endpoint;
    e.claimedClientId = credentials.clientId;
    if (!wellFormed || credentials.problem == Credentials::Problem::Conflicting) {
        c.error = &kInvalidRequest;
        e.reason = "invalid_request";
    } else if (!(c.client = authenticate(tx, credentials))) {
        c.error = &kInvalidClient;
        c.basicTried = credentials.basic;
        e.reason = "invalid_client";
    } else if (confidentialOnly && !c.client->confidential) {
        c.error = &kInvalidClient;
        e.reason = "public_client";
    }
    if (c.error) audit(tx, ctx, e);
    return c;
}

// The `token` field of a revocation or introspection request; false when
// the request is malformed (a query string, a field repeated, no token).
bool readToken(const web::Request& req, std::string& token) {
    std::string hint;  // token_type_hint: every token is looked up by its hash alone
    const bool once = singleField(req, "token", token) & singleField(req, "token_type_hint", hint);
    return once && !token.empty() && !hasQuery(req);
}

}  // namespace

web::Response UserinfoHandler::get(web::Context& ctx) { return userinfo(ctx, false); }
web::Response UserinfoHandler::post(web::Context& ctx) { return userinfo(ctx, true); }

web::Response RevokeHandler::post(web::Context& ctx) {
    const std::int64_t now = util::now();
    std::string token;
    const bool wellFormed = readToken(ctx.req, token);
    const Credentials credentials = readCredentials(ctx.req);
    const Caller who = ctx.app.db.transact([&](db::Tx& tx) {
        Caller c = caller(tx, ctx, "revoke", credentials, wellFormed, false);
        if (c.error) return c;
        // Whose it was, for the audit row: only a token of this client is revoked.
        const std::optional<oidc::ActiveToken> t = oidc::activeToken(tx, token, now);
        if (oidc::revokeToken(tx, token, c.client->id, now)) {
            TokenEvent e;
            e.action = "oidc.token.revoked";
            e.endpoint = "revoke";
            e.client = &*c.client;
            if (t && t->grant.clientRef == c.client->id) {
                e.userId = t->grant.userId;
                e.sub = oidc::subjectOf(tx, t->grant.userId);
                e.reason = t->refresh ? "refresh_token_and_its_family" : "access_token";
            }
            audit(tx, ctx, e);
        }
        return c;
    });
    if (who.error) return errorAnswer(*who.error, who.basicTried);
    // RFC 7009 §2.2: the same answer whether or not there was such a token.
    web::Response r = web::Response::plain(200, "");
    r.headers.emplace_back("Pragma", "no-cache");
    return r;
}

web::Response IntrospectHandler::post(web::Context& ctx) {
    const std::int64_t now = util::now();
    std::string token;
    const bool wellFormed = readToken(ctx.req, token);
    const Credentials credentials = readCredentials(ctx.req);
    std::optional<Honoured> h;
    std::string sub;
    const Caller who = ctx.app.db.transact([&](db::Tx& tx) {
        Caller c = caller(tx, ctx, "introspect", credentials, wellFormed, true);
        h.reset();
        if (c.error) return c;
        std::string whyNot;
        h = honoured(tx, token, now, whyNot);
        if (h) sub = oidc::subjectOf(tx, h->account.id);
        return c;
    });
    if (who.error) return errorAnswer(*who.error, who.basicTried);
    if (!h) return jsonAnswer(200, {{"active", false}});
    return jsonAnswer(200, {{"active", true},
                            {"scope", h->token.grant.scope},
                            {"client_id", h->client.clientId},
                            {"sub", sub},
                            {"exp", h->token.expiresAt},
                            {"iat", h->token.issuedAt},
                            {"token_type", h->token.refresh ? "refresh_token" : "Bearer"},
                            {"iss", ctx.app.config.baseUrl},
                            {"aud", h->client.clientId}});
}

}  // namespace ktk::oidc_app
