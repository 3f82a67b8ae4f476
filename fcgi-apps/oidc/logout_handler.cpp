#include "oidc/logout_handler.h"

#include "oidc/authorize.h"
#include "oidc/grants.h"
#include "oidc/key_store.h"
#include "oidc/logout.h"
#include "oidc/to_client.h"
#include "repo/audit.h"
#include "service/login.h"
#include "util/clock.h"
#include "util/json.h"
#include "web/context.h"
#include "web/page.h"

namespace ktk::oidc_app {

namespace {

// The claims of an ID token we signed with a key still published; its
// expiry does not matter here.
std::optional<util::Json> verifiedClaims(web::Context& ctx, std::string_view hint) {
    const std::vector<oidc::Key> keys =
        ctx.app.db.autocommit([&](db::Tx& tx) { return oidc::publishedKeys(tx, util::now()); });
    std::optional<oidc::Jwt> jwt = oidc::verifyJwt(hint, keys);
    if (!jwt) return std::nullopt;
    const auto iss = jwt->claims.find("iss");
    if (iss == jwt->claims.end() || !iss->is_string() || iss->get<std::string>() != ctx.app.config.baseUrl)
        return std::nullopt;
    return std::move(jwt->claims);
}

oidc::LogoutRequest read(web::Context& ctx, bool viaPost) {
    const auto param = [&](std::string_view name) { return viaPost ? ctx.req.form(name) : ctx.req.query(name); };
    const auto find = [&](std::string_view clientId) {
        return ctx.app.db.autocommit([&](db::Tx& tx) { return oidc::findClient(tx, clientId); });
    };
    return oidc::readLogout(param, [&](std::string_view hint) { return verifiedClaims(ctx, hint); }, find);
}

// Where the browser goes once no session is left.
web::Response afterwards(const oidc::LogoutRequest& r) {
    if (r.redirectUri.empty()) return web::Response::redirect("/login?logged_out=1");
    std::vector<std::pair<std::string, std::string>> params;
    if (!r.state.empty()) params.emplace_back("state", r.state);
    return toClient(oidc::redirectTo(r.redirectUri, params));
}

web::Response endSession(web::Context& ctx, const oidc::LogoutRequest& r) {
    const repo::Account& user = ctx.loggedIn();
    const std::string address(ctx.req.clientAddress());
    service::logout(ctx.app.db, user.id, ctx.sessionIdHash(), address);
    ctx.app.db.transact([&](db::Tx& tx) {
        repo::AuditEntry e;
        e.actor = repo::Actor::user(user.id);
        e.clientAddress = address;
        e.action = "oidc.logout";
        e.targetUserId = user.id;
        e.after = util::jsonText(util::Json{{"client_id", r.client ? r.client->clientId : ""},
                                            {"reason", r.hintSubject.empty() ? "confirmed" : "id_token_hint"}});
        repo::recordAudit(tx, e);
    });
    ctx.sessionEnded();
    return afterwards(r);
}

// The person is asked: nothing proves that the logged-in person asked.
web::Response askFirst(web::Context& ctx, const oidc::LogoutRequest& r) {
    web::Page page = ctx.page("oidc/logout", "logout.title");
    ctemplate::TemplateDictionary& d = page.dict();
    if (r.client) {
        ctemplate::TemplateDictionary* c = d.AddSectionDictionary("CLIENT");
        c->SetValue("NAME", r.client->name);
        c->SetValue("CLIENT_ID", r.client->clientId);
        if (!r.redirectUri.empty()) {
            c->SetValue("REDIRECT_URI", r.redirectUri);
            c->SetValue("STATE", r.state);
        }
    }
    web::Response response = page.render();
    if (!r.redirectUri.empty()) response.formActionOrigin = oidc::originOf(r.redirectUri);
    return response;
}

web::Response logout(web::Context& ctx, bool viaPost) {
    const oidc::LogoutRequest r = read(ctx, viaPost);
    const repo::Account* user = ctx.user();
    if (!user) return afterwards(r);
    if (viaPost && ctx.req.form("confirm") == "1") {
        if (!ctx.csrfValid()) return ctx.errorPage(403);
        return endSession(ctx, r);
    }
    if (!r.hintSubject.empty()) {
        const std::string sub = ctx.app.db.transact([&](db::Tx& tx) { return oidc::subjectOf(tx, user->id); });
        if (sub == r.hintSubject) return endSession(ctx, r);
    }
    return askFirst(ctx, r);
}

}  // namespace

web::Response LogoutHandler::get(web::Context& ctx) { return logout(ctx, false); }
web::Response LogoutHandler::post(web::Context& ctx) { return logout(ctx, true); }

}  // namespace ktk::oidc_app
