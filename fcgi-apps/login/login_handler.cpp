#include "login/login_handler.h"

#include "applications/summary_view.h"
#include "crypto/random.h"
#include "oidc/authorize.h"
#include "util/clock.h"
#include "domain/person_name.h"
#include "service/language_choice.h"
#include "repo/login_steps.h"
#include "service/login.h"
#include "web/page.h"
#include "web/form_view.h"
#include "web/local_path.h"
#include "web/session_cookie.h"

namespace ktk::login {

namespace {

// The municipality's applications on the home page: what waits for the
// contact and the newest ones, in the list page's words; rendered once per
// language while the kept lists serve.
const std::string& applicationsHtml(web::Context& ctx, applications::KeptHome& kept) {
    std::string& html = kept.html[static_cast<std::size_t>(ctx.lang())];
    if (!html.empty()) return html;
    const applications::HomeApplications& home = kept.lists;
    ctemplate::TemplateDictionary d("applications");
    const struct {
        const std::vector<applications::ApplicationSummary>& rows;
        const char* list;
        const char* row;
        const char* empty;
    } parts[] = {{home.waiting, "WAITING_LIST", "WAITING", "NOTHING_WAITING"},
                 {home.recent, "RECENT_LIST", "RECENT", "NO_APPLICATIONS"}};
    for (const auto& part : parts) {
        if (part.rows.empty()) {
            d.ShowSection(part.empty);
            continue;
        }
        ctemplate::TemplateDictionary* list = d.AddSectionDictionary(part.list);
        for (const applications::ApplicationSummary& a : part.rows) {
            ctemplate::TemplateDictionary* row = list->AddSectionDictionary(part.row);
            applications::fillSummary(*row, ctx.app.translator, ctx.lang(), a);
            // What the contact is to do about it. The rules set no answer
            // deadline for a proposal, so the line names none.
            if (a.state == applications::State::Proposal) row->ShowSection("ANSWER_PROPOSAL");
        }
    }
    html = ctx.app.views.expand(ctx.lang(), "home/applications", d);
    return html;
}

web::Response toStartPage(web::Context& ctx, const repo::Account& user) {
    return web::Response::redirect(ctx.app.site.home(user.clerk));
}

// A sign-in to another service that waits for this login (ktk-oidc keeps
// the request; the browser carries its handle): "" when there is none or
// it is not shaped like ours.
std::string resumeHandle(const std::string& value) { return crypto::isToken(value) ? value : ""; }

// The origin of the service a waiting sign-in returns to: the login's
// POST ends in a redirect there, which the page's form-action must allow.
std::string serviceOrigin(web::Context& ctx, const std::string& resume) {
    if (resume.empty()) return "";
    std::optional<oidc::AuthRequest> r =
        ctx.app.db.autocommit([&](db::Tx& tx) { return oidc::keptRequest(tx, resume, util::now()); });
    return r ? oidc::originOf(r->redirectUri) : "";
}

// Where a login goes on to: a clerk without a second factor to its
// enrolment, else the waiting sign-in, else the start page.
std::string onwardPath(web::Context& ctx, const std::string& resume, bool clerk, bool mustEnrol = false) {
    if (mustEnrol) return web::kEnrolPath;
    if (!resume.empty()) return "/oauth2/authorize?continue=" + resume;
    return ctx.app.site.home(clerk);
}
web::Response onward(web::Context& ctx, const std::string& resume, bool clerk, bool mustEnrol = false) {
    return web::Response::redirect(onwardPath(ctx, resume, clerk, mustEnrol));
}

// The second step's form, with at most one message.
web::Page secondStepForm(web::Context& ctx, const std::string& resume) {
    web::Page page = ctx.page("login/two_factor", "login.two_factor.title");
    if (!resume.empty()) page.dict().SetValueAndShowSection("HANDLE", resume, "CONTINUE");
    return page;
}

// The pending step is missing, used or expired: the login starts again.
web::Response stepGone(web::Context& ctx, const std::string& resume) {
    ctx.addCookie(web::Cookie::expired(ctx.cookieName(web::kLoginStepCookieName), ctx.secure()));
    return web::Response::redirect("/login?second_step=expired" + (resume.empty() ? "" : "&continue=" + resume));
}

// The form with at most one message; the e-mail is never echoed after a
// failed attempt, so the answers for an unknown address and a wrong
// password are the same bytes apart from the CSRF token. A waiting
// sign-in's handle rides along in a hidden field.
web::Page form(web::Context& ctx, const std::string& resume) {
    web::Page page = ctx.page("login/login", "login.title");
    page.describe("login.description");
    // The form's common case, an empty form, is written from its skeleton.
    page.fixedContent("empty", {{"EMAIL", ""}});
    if (!resume.empty()) page.dict().SetValueAndShowSection("HANDLE", resume, "CONTINUE");
    return page;
}

}  // namespace

web::Response LoginHandler::get(web::Context& ctx) {
    const std::string resume = resumeHandle(ctx.req.query("continue"));
    // A service asked for the password again (prompt=login, max_age): the
    // form, even to someone logged in.
    const bool again = !resume.empty() && ctx.req.query("reauth") == "1";
    if (const repo::Account* user = ctx.user(); user && !again) {
        if (!resume.empty()) return onward(ctx, resume, user->clerk);
        return toStartPage(ctx, *user);
    }
    web::Page page = form(ctx, resume);
    // A service's hint of who signs in: only a pre-filled field.
    if (!resume.empty()) page.dict().SetValue("EMAIL", ctx.req.query("login_hint"));
    // First: a reset ended every session, so this browser's cookie is
    // dead too — the reset's message matters more than "expired".
    if (ctx.req.query("password_reset") == "1")
        page.dict().SetValueAndShowSection("MESSAGE", ctx.tr("password.reset.done_notice"), "NOTICE");
    else if (ctx.sessionExpired() || ctx.req.query("expired") == "1")
        page.dict().SetValueAndShowSection("MESSAGE", ctx.tr("login.expired"), "NOTICE");
    else if (ctx.req.query("second_step") == "expired")
        page.dict().SetValueAndShowSection("MESSAGE", ctx.tr("login.two_factor.expired"), "NOTICE");
    else if (ctx.req.query("logged_out") == "1")
        page.dict().SetValueAndShowSection("MESSAGE", ctx.tr("login.logged_out"), "NOTICE");
    web::Response response = page.render();
    response.formActionOrigin = serviceOrigin(ctx, resume);
    return response;
}

web::Response LoginHandler::post(web::Context& ctx) {
    const std::string resume = resumeHandle(ctx.req.form("continue"));
    web::Response response = decide(ctx, resume);
    if (response.status != 303) response.formActionOrigin = serviceOrigin(ctx, resume);
    return response;
}

web::Response LoginHandler::decide(web::Context& ctx, const std::string& resume) {
    std::string email = ctx.req.form("email");
    std::string password = ctx.req.form("password");
    if (email.find_first_not_of(" \t\r\n") == std::string::npos || password.empty()) {
        // Nothing was checked, so nothing is revealed by saying what is missing.
        web::Page page = form(ctx, resume);
        domain::FormErrors errors;
        if (email.find_first_not_of(" \t\r\n") == std::string::npos) errors.add("email", "login.error.email_required");
        else page.dict().SetValue("EMAIL", email);
        if (password.empty()) errors.add("password", "login.error.password_required");
        web::showFormErrors(
            page, errors,
            {{"email", "EMAIL_ERROR", "login.username"}, {"password", "PASSWORD_ERROR", "login.password"}});
        return page.render(422);
    }

    const std::string device = ctx.req.cookie(ctx.cookieName(web::kDeviceCookieName));
    const service::LoginResult result = service::authenticate(
        ctx.app.db, ctx.app.config, ctx.app.views, devices_, {email, password, ctx.req.clientAddress(), ctx.sessionIdHash(), device, ctx.req.param("HTTP_USER_AGENT")});
    switch (result.outcome) {
        case service::LoginOutcome::Contact:
        case service::LoginOutcome::Clerk:
            ctx.startSession(result.sessionId);
            ctx.addCookie(web::deviceCookie(result.deviceToken, ctx.secure(), service::kDeviceTokenMaxAge));
            return onward(ctx, resume, result.outcome == service::LoginOutcome::Clerk, result.mustEnrol);
        case service::LoginOutcome::SecondStep:
            ctx.addCookie(web::loginStepCookie(result.stepToken, ctx.secure(), repo::kLoginStepSeconds));
            return web::Response::redirect("/login/two-factor" + (resume.empty() ? "" : "?continue=" + resume));
        case service::LoginOutcome::Invalid: break;
        case service::LoginOutcome::Pending: {
            web::Page page = form(ctx, resume);
            page.dict().ShowSection("PENDING");
            return page.render();
        }
        case service::LoginOutcome::Unlinked: {
            web::Page page = form(ctx, resume);
            page.dict().ShowSection("UNLINKED");
            return page.render();
        }
        case service::LoginOutcome::Disabled: {
            web::Page page = form(ctx, resume);
            page.dict().ShowSection("DISABLED");
            return page.render();
        }
    }
    web::Page page = form(ctx, resume);
    page.dict().SetValueAndShowSection("MESSAGE", ctx.tr("login.error.invalid"), "ERROR");
    return page.render();
}

web::Response SecondStepHandler::get(web::Context& ctx) {
    const std::string resume = resumeHandle(ctx.req.query("continue"));
    const std::string step = ctx.req.cookie(ctx.cookieName(web::kLoginStepCookieName));
    const bool live = !step.empty() && ctx.app.db.autocommit([&](db::Tx& tx) {
        return repo::findLoginStep(tx, step, util::now()).has_value();
    });
    // Someone logged in without a step waiting (a service asked for the
    // password again: the step comes after it) goes on.
    if (!live && ctx.user()) return onward(ctx, resume, ctx.user()->clerk);
    if (!live) return stepGone(ctx, resume);
    web::Response response = secondStepForm(ctx, resume).render();
    response.formActionOrigin = serviceOrigin(ctx, resume);
    return response;
}

web::Response SecondStepHandler::post(web::Context& ctx) {
    const std::string resume = resumeHandle(ctx.req.form("continue"));
    const std::string step = ctx.req.cookie(ctx.cookieName(web::kLoginStepCookieName));
    if (step.empty()) return stepGone(ctx, resume);
    const std::string code = ctx.req.form("code");
    const std::string recovery = ctx.req.form("recovery_code");
    const bool blank = code.find_first_not_of(" \t\r\n") == std::string::npos &&
                       recovery.find_first_not_of(" \t\r\n") == std::string::npos;
    if (blank) {
        // Nothing typed: nothing checked, nothing counted.
        web::Page page = secondStepForm(ctx, resume);
        page.dict().SetValueAndShowSection("MESSAGE", ctx.tr("login.two_factor.code_required"), "CODE_ERROR");
        web::Response response = page.render(422);
        response.formActionOrigin = serviceOrigin(ctx, resume);
        return response;
    }
    const bool byCode = code.find_first_not_of(" \t\r\n") != std::string::npos;
    const service::SecondStepResult result = service::completeSecondStep(
        ctx.app.db, ctx.app.config, ctx.app.views, devices_,
        {step, byCode ? std::string_view(code) : std::string_view(), byCode ? std::string_view() : recovery,
         ctx.req.clientAddress(), ctx.req.param("HTTP_USER_AGENT")});
    switch (result.outcome) {
        case service::SecondStepOutcome::Gone: return stepGone(ctx, resume);
        case service::SecondStepOutcome::Invalid: {
            web::Page page = secondStepForm(ctx, resume);
            page.dict().SetValueAndShowSection("MESSAGE", ctx.tr("login.two_factor.invalid"), "ERROR");
            if (!byCode) page.dict().ShowSection("RECOVERY_OPEN");
            web::Response response = page.render();
            response.formActionOrigin = serviceOrigin(ctx, resume);
            return response;
        }
        case service::SecondStepOutcome::Done: break;
    }
    const service::LoginResult& login = result.login;
    ctx.addCookie(web::Cookie::expired(ctx.cookieName(web::kLoginStepCookieName), ctx.secure()));
    ctx.startSession(login.sessionId);
    ctx.addCookie(web::deviceCookie(login.deviceToken, ctx.secure(), service::kDeviceTokenMaxAge));
    const std::string next = onwardPath(ctx, resume, login.outcome == service::LoginOutcome::Clerk);
    if (result.recoveryCodesLeft < 0) return web::Response::redirect(next);
    // A recovery code was used: how many remain, said once, before going on.
    web::Page page = ctx.page("login/recovery_used", "login.recovery_used.title");
    std::string left = ctx.tr("login.recovery_used.left");
    if (std::size_t at = left.find("{count}"); at != std::string::npos)
        left.replace(at, 7, std::to_string(result.recoveryCodesLeft));
    page.dict().SetValue("LEFT", left);
    if (result.recoveryCodesLeft <= 3) page.dict().ShowSection("FEW_LEFT");
    page.dict().SetValue("NEXT", next);
    return page.render();  // no-store, as every answer by default
}

web::Response LogoutHandler::get(web::Context& ctx) {
    return ctx.page("login/logout", "logout.title").render();
}

web::Response LogoutHandler::post(web::Context& ctx) {
    service::logout(ctx.app.db, ctx.loggedIn().id, ctx.sessionIdHash(), ctx.req.clientAddress());
    ctx.sessionEnded();
    return web::Response::redirect("/login?logged_out=1");
}

web::Response RootHandler::get(web::Context& ctx) {
    if (const repo::Account* user = ctx.user()) return toStartPage(ctx, *user);
    return web::Response::redirect("/login");
}

web::Response LanguageHandler::post(web::Context& ctx) {
    std::optional<domain::Lang> lang = domain::parseLang(ctx.req.form("lang"));
    const std::string back = web::localPath(ctx.req.form("return")).value_or("/");
    if (!lang) return web::Response::redirect(back);
    ctx.chooseLang(*lang);
    if (const repo::Account* user = ctx.user()) service::storeLanguage(ctx.app.db, user->id, *lang);
    return web::Response::redirect(back);
}

web::Response KeepAliveHandler::post(web::Context&) { return web::Response::plain(200, "ok\n"); }

web::Response HomeHandler::get(web::Context& ctx) {
    const repo::Account& user = ctx.loggedIn();
    web::Page page = ctx.page("home/home", "home.title");
    std::vector<std::pair<const char*, std::string>> values = {
        {"NAME", domain::displayName(user.lastName, user.firstName, ctx.lang())}, {"EMAIL", user.email}};
    if (user.municipality) {
        const repo::Municipality& m = *user.municipality;
        const applications::Contact who{user.id, m.id, std::string(ctx.req.clientAddress())};
        values.emplace_back("MUNICIPALITY_NAME", m.name);
        values.emplace_back("TAX_NUMBER", m.taxNumber);
        applications::KeptHome& lists = lists_.get(ctx.app.db, who, m.applicationsVersion);
        values.emplace_back("APPLICATIONS_HTML", applicationsHtml(ctx, lists));
        page.fixedContent("linked", std::move(values), {"MUNICIPALITY", "APPLICATIONS"}, {"APPLICATIONS_HTML"});
    } else {
        page.fixedContent("unlinked", std::move(values), {"NO_MUNICIPALITY"});
    }
    return page.render();
}

}  // namespace ktk::login
