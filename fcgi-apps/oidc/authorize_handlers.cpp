#include "oidc/authorize_handlers.h"

#include "oidc/authorize.h"
#include "oidc/grants.h"
#include "oidc/metadata.h"
#include "oidc/to_client.h"
#include "repo/audit.h"
#include "util/clock.h"
#include "util/json.h"
#include "view/views.h"
#include "web/context.h"
#include "web/page.h"

namespace ktk::oidc_app {

namespace {

web::Response clientError(web::Context& ctx, const std::string& redirectUri, const std::string& state,
                          const std::string& error, const std::string& description) {
    std::vector<std::pair<std::string, std::string>> params{{"error", error}};
    if (!description.empty()) params.emplace_back("error_description", description);
    if (!state.empty()) params.emplace_back("state", state);
    params.emplace_back("iss", ctx.app.config.baseUrl);
    return toClient(oidc::redirectTo(redirectUri, params));
}

// Our own page for a request we cannot answer to the client.
web::Response ownError(web::Context& ctx, const std::string& what, int status = 400) {
    web::Page page = ctx.page("oidc/error", "oidc.error.title");
    const std::string key = what == "client_id"      ? "oidc.error.client"
                            : what == "redirect_uri" ? "oidc.error.redirect_uri"
                                                     : "oidc.error.expired";
    page.dict().SetValue("MESSAGE", ctx.tr(key));
    return page.render(status);
}

void audit(db::Tx& tx, web::Context& ctx, const std::string& action, const oidc::AuthRequest& r,
           const std::string& reason, std::optional<std::uint64_t> userId = std::nullopt) {
    repo::AuditEntry e;
    if (const repo::Account* user = ctx.user()) e.actor = repo::Actor::user(user->id);
    e.clientAddress = std::string(ctx.req.clientAddress());
    e.action = action;
    e.targetUserId = userId;
    util::Json after{{"client_id", r.client.clientId}, {"scope", r.scope}};
    if (!reason.empty()) after["reason"] = reason;
    e.after = util::jsonText(after);
    repo::recordAudit(tx, e);
}

// Keeps the request (once) and sends the browser to log in.
web::Response toLogin(web::Context& ctx, oidc::AuthRequest& r, std::string& handle, bool again) {
    const std::int64_t now = util::now();
    if (again && !r.loginAfter) r.loginAfter = now;
    if (handle.empty()) handle = ctx.app.db.transact([&](db::Tx& tx) { return oidc::keepRequest(tx, r, now); });
    std::string where = "/login?continue=" + handle;
    if (again) where += "&reauth=1";
    if (!r.loginHint.empty()) where += "&login_hint=" + view::percentEncode(r.loginHint);
    return web::Response::redirect(where);
}

web::Response consentPage(web::Context& ctx, const oidc::AuthRequest& r, const std::string& handle) {
    web::Page page = ctx.page("oidc/consent", "oidc.consent.title");
    ctemplate::TemplateDictionary& d = page.dict();
    d.SetValue("CLIENT", r.client.name);
    d.SetValue("HANDLE", handle);
    for (const oidc::ScopeText& t : oidc::kScopeTexts)
        if (oidc::hasScope(r.scope, t.scope)) d.AddSectionDictionary("CLAIM")->SetValue("TEXT", ctx.tr(t.key));
    web::Response response = page.render();
    response.formActionOrigin = oidc::originOf(r.redirectUri);  // the answer ends at the service
    return response;
}

// The code, once the person is known, logged in recently enough and has
// consented: the request is used up in the same transaction.
web::Response issue(web::Context& ctx, const oidc::AuthRequest& r, const std::string& handle) {
    const repo::Account& user = *ctx.user();
    const std::int64_t now = util::now();
    std::optional<std::string> code = ctx.app.db.transact([&](db::Tx& tx) -> std::optional<std::string> {
        if (!handle.empty() && !oidc::useRequest(tx, handle, now)) return std::nullopt;
        oidc::Grant g;
        g.clientRef = r.client.id;
        g.userId = user.id;
        g.sid = oidc::sessionSid(tx, ctx.sessionIdHash());
        g.redirectUri = r.redirectUri;
        g.scope = r.scope;
        g.nonce = r.nonce;
        g.codeChallenge = r.codeChallenge;
        g.authTime = ctx.sessionCreatedAt();
        std::string c = oidc::issueCode(tx, g, now);
        audit(tx, ctx, "oidc.code.issued", r, "", user.id);
        return c;
    });
    if (!code) return ownError(ctx, "expired");
    std::vector<std::pair<std::string, std::string>> params{{"code", *code}};
    if (!r.state.empty()) params.emplace_back("state", r.state);
    params.emplace_back("iss", ctx.app.config.baseUrl);
    return toClient(oidc::redirectTo(r.redirectUri, params));
}

// What a checked request needs next. `handle` is set once it is kept.
web::Response proceed(web::Context& ctx, oidc::AuthRequest r, std::string handle) {
    const repo::Account* user = ctx.user();
    const std::int64_t now = util::now();
    if (!user) {
        if (r.prompt == "none") return clientError(ctx, r.redirectUri, r.state, "login_required", "");
        return toLogin(ctx, r, handle, false);
    }
    // An account not linked to its municipality gets the login page's
    // explanation, as at login, and never a code.
    if (!user->clerk && !user->municipality) {
        web::Page page = ctx.page("login/login", "login.title");
        page.dict().ShowSection("UNLINKED");
        return page.render();
    }
    // A clerk without a confirmed second factor signs in nowhere before
    // enrolling one (README, "Second factor").
    if (user->clerk && !user->secondFactorOn) {
        if (r.prompt == "none") return clientError(ctx, r.redirectUri, r.state, "interaction_required", "");
        return web::Response::redirect(web::kEnrolPath);
    }
    const std::int64_t authTime = ctx.sessionCreatedAt();
    const bool tooOld = r.maxAge && now - authTime > *r.maxAge;
    const bool wantsFresh = r.prompt == "login" && !r.loginAfter;
    if (tooOld || wantsFresh || (r.loginAfter && authTime < r.loginAfter)) {
        if (r.prompt == "none") return clientError(ctx, r.redirectUri, r.state, "login_required", "");
        return toLogin(ctx, r, handle, true);
    }
    if (!r.client.firstParty) {
        const bool given = r.prompt != "consent" && ctx.app.db.autocommit([&](db::Tx& tx) {
            return oidc::hasConsent(tx, user->id, r.client.id, r.scope);
        });
        if (!given) {
            if (r.prompt == "none") return clientError(ctx, r.redirectUri, r.state, "consent_required", "");
            if (handle.empty()) handle = ctx.app.db.transact([&](db::Tx& tx) { return oidc::keepRequest(tx, r, now); });
            return consentPage(ctx, r, handle);
        }
    }
    return issue(ctx, r, handle);
}

web::Response authorize(web::Context& ctx, bool viaPost) {
    const std::string handle = viaPost ? "" : ctx.req.query("continue");
    if (!handle.empty()) {
        std::optional<oidc::AuthRequest> kept =
            ctx.app.db.autocommit([&](db::Tx& tx) { return oidc::keptRequest(tx, handle, util::now()); });
        if (!kept) return ownError(ctx, "expired");
        return proceed(ctx, std::move(*kept), handle);
    }
    const auto param = [&](std::string_view name) { return viaPost ? ctx.req.form(name) : ctx.req.query(name); };
    const auto repeated = [&](std::string_view name) {
        return (viaPost ? ctx.req.formAll(name) : ctx.req.queryAll(name)).size() > 1;
    };
    const auto find = [&](std::string_view clientId) {
        return ctx.app.db.autocommit([&](db::Tx& tx) { return oidc::findClient(tx, clientId); });
    };
    oidc::Checked checked = oidc::checkRequest(param, repeated, find);
    if (!checked.request) {
        if (!checked.error.redirect) return ownError(ctx, checked.error.error);
        return clientError(ctx, checked.redirectUri, checked.state, checked.error.error, checked.error.description);
    }
    return proceed(ctx, std::move(*checked.request), "");
}

}  // namespace

web::Response AuthorizeHandler::get(web::Context& ctx) { return authorize(ctx, false); }
web::Response AuthorizeHandler::post(web::Context& ctx) { return authorize(ctx, true); }

web::Response ConsentHandler::post(web::Context& ctx) {
    const std::string handle = ctx.req.form("continue");
    const std::int64_t now = util::now();
    std::optional<oidc::AuthRequest> kept =
        ctx.app.db.autocommit([&](db::Tx& tx) { return oidc::keptRequest(tx, handle, now); });
    if (!kept) return ownError(ctx, "expired");
    const repo::Account& user = ctx.loggedIn();
    if (ctx.req.form("decision") != "allow") {
        const bool used = ctx.app.db.transact([&](db::Tx& tx) {
            if (!oidc::useRequest(tx, handle, now)) return false;
            audit(tx, ctx, "oidc.consent.denied", *kept, "", user.id);
            return true;
        });
        if (!used) return ownError(ctx, "expired");
        return clientError(ctx, kept->redirectUri, kept->state, "access_denied", "the person did not consent");
    }
    ctx.app.db.transact([&](db::Tx& tx) {
        oidc::giveConsent(tx, user.id, kept->client.id, kept->scope, now);
        audit(tx, ctx, "oidc.consent.given", *kept, "", user.id);
    });
    // Consent given now: the code follows at once (a prompt=consent is answered).
    kept->prompt.clear();
    return proceed(ctx, std::move(*kept), handle);
}

}  // namespace ktk::oidc_app
