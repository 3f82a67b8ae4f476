#include "profile/profile_handler.h"

#include "applications/office_service.h"
#include "domain/new_password.h"
#include "domain/user_agent.h"
#include "oidc/authorize.h"
#include "oidc/grants.h"
#include "oidc/metadata.h"
#include "profile/profile_form.h"
#include "repo/audit.h"
#include "service/new_device.h"
#include "service/own_sessions.h"
#include "service/password_change.h"
#include "service/profile.h"
#include "service/sign_ins.h"
#include "util/clock.h"
#include "util/hungarian_time.h"
#include "util/json.h"
#include "web/page.h"
#include "web/form_view.h"

namespace ktk::profile {

namespace {

// In page order, so that the error summary lists problems top to bottom.
const web::FormField kProfileFields[] = {
    {"last_name", "LAST_NAME_ERROR", "profile.last_name"},
    {"first_name", "FIRST_NAME_ERROR", "profile.first_name"},
    {"phone", "PHONE_ERROR", "profile.phone"},
    {"language", "LANGUAGE_ERROR", "profile.language"},
};

const web::FormField kSecurityFields[] = {
    {"current_password", "CURRENT_PASSWORD_ERROR", "profile.security.current_password"},
    {"password", "PASSWORD_ERROR", "profile.security.password"},
    {"password_confirm", "PASSWORD_CONFIRM_ERROR", "profile.security.password_confirm"},
};

// The account is gone (its sessions went with it a moment ago).
web::Response accountGone(web::Context& ctx) { return web::Response::redirect(ctx.app.site.loginPath); }

// A clerk's profile also turns the mails about the office's applications
// on or off (applications::setOfficeMails); `mailsOn` is the box as shown.
web::Response profileForm(web::Context& ctx, const repo::Account& user, const ProfileForm& form, bool mailsOn,
                          const domain::FormErrors& errors, bool saved, int status) {
    web::Page page = ctx.page("profile/profile", "profile.title");
    ctemplate::TemplateDictionary& d = page.dict();
    d.SetValue("EMAIL", user.email);
    d.SetValue("LAST_NAME", form.lastName);
    d.SetValue("FIRST_NAME", form.firstName);
    d.SetValue("PHONE", form.phone);
    domain::Lang chosen = domain::parseLang(form.language).value_or(user.language);
    d.ShowSection(chosen == domain::Lang::En ? "LANGUAGE_EN" : "LANGUAGE_HU");
    if (saved) d.ShowSection("SAVED");
    if (user.officeId) {
        ctemplate::TemplateDictionary* clerk = d.AddSectionDictionary("CLERK");
        if (mailsOn) clerk->ShowSection("MAILS_ON");
    }
    web::showFormErrors(page, errors, kProfileFields);
    return page.render(status);
}

// The services that may sign this person in (their consents), each with
// what it reads and a button that withdraws it.
void fillConnectedServices(web::Context& ctx, ctemplate::TemplateDictionary& d, std::uint64_t userId) {
    const std::vector<oidc::Consent> consents =
        ctx.app.db.autocommit([&](db::Tx& tx) { return oidc::consentsOf(tx, userId); });
    if (consents.empty()) {
        d.ShowSection("NO_SERVICES");
        return;
    }
    for (const oidc::Consent& c : consents) {
        ctemplate::TemplateDictionary* row = d.AddSectionDictionary("SERVICE");
        row->SetValue("NAME", c.clientName);
        row->SetValue("CLIENT_ID", c.clientId);
        row->SetValue("SINCE", util::hungarianTime(util::parseSqlTime(c.grantedAt)));
        row->AddSectionDictionary("READS")->SetValue("TEXT", ctx.tr("oidc.consent.scope.openid"));
        for (const oidc::ScopeText& t : oidc::kScopeTexts)
            if (oidc::hasScope(c.scope, t.scope)) row->AddSectionDictionary("READS")->SetValue("TEXT", ctx.tr(t.key));
    }
}

// A time on the person's own pages: Hungarian order in Hungarian, ISO
// order in English, Hungarian civil time in both (as the mails say it).
std::string shownTime(const web::Context& ctx, std::int64_t at) {
    return ctx.lang() == domain::Lang::Hu ? util::hungarianTime(at) : util::hungarianTimeIso(at);
}

}  // namespace

std::string shownBrowser(const web::Context& ctx, std::string_view userAgent) {
    return shownBrowser(ctx, domain::browserName(userAgent));
}

std::string shownBrowser(const web::Context& ctx, const domain::BrowserName& n) {
    if (n.browser.empty()) return ctx.tr("profile.sessions.unknown_browser");
    if (n.platform.empty()) return n.browser;
    std::string text = ctx.tr("profile.sessions.browser_on");
    const auto put = [&text](std::string_view field, const std::string& value) {
        if (std::size_t at = text.find(field); at != std::string::npos) text.replace(at, field.size(), value);
    };
    put("{browser}", n.browser);
    put("{platform}", n.platform);
    return text;
}

namespace {

// "Where you are logged in": this browser first, each other one with its
// own "Log out" form, and "Log out everywhere else" when there are others.
void fillSessions(web::Context& ctx, ctemplate::TemplateDictionary& d) {
    const std::vector<service::OwnSession> sessions =
        service::listOwnSessions(ctx.app.db, ctx.loggedIn().id, ctx.sessionIdHash());
    bool others = false;
    for (const service::OwnSession& s : sessions) {
        ctemplate::TemplateDictionary* row = d.AddSectionDictionary("SESSION");
        row->SetValue("REF", s.ref);
        row->SetValue("BROWSER", shownBrowser(ctx, s.userAgent));
        row->SetValue("ADDRESS", s.clientAddress.empty() ? ctx.tr("profile.sessions.no_address") : s.clientAddress);
        row->SetValue("STARTED", shownTime(ctx, s.createdAt));
        row->SetValue("LAST_SEEN", shownTime(ctx, s.lastSeenAt));
        if (s.current) row->ShowSection("THIS_DEVICE");
        else {
            row->ShowSection("OTHER_DEVICE");
            others = true;
        }
    }
    if (others) d.ShowSection("OTHER_SESSIONS");
    else d.ShowSection("NO_OTHER_SESSIONS");
    const std::string done = ctx.req.query("sessions");
    if (done == "ended") d.ShowSection("SESSION_ENDED");
    else if (done == "others") d.ShowSection("OTHERS_ENDED");
    else if (done == "gone") d.ShowSection("SESSION_GONE");
}

// "Recent sign-ins": the last attempts at the account's password on the
// login form, what came of each, from which browser and address.
void fillSignIns(web::Context& ctx, ctemplate::TemplateDictionary& d) {
    const std::vector<service::SignIn> signIns = service::recentSignIns(ctx.app.db, ctx.loggedIn().id);
    if (signIns.empty()) {
        d.ShowSection("NO_SIGN_INS");
        return;
    }
    d.ShowSection("HAS_SIGN_INS");
    for (const service::SignIn& s : signIns) {
        ctemplate::TemplateDictionary* row = d.AddSectionDictionary("SIGN_IN");
        const char* kind = "success";
        const char* text = "profile.sign_ins.success";
        switch (s.kind) {
            case service::SignInKind::Success: break;
            case service::SignInKind::WrongPassword:
                kind = "wrong-password";
                text = "profile.sign_ins.wrong_password";
                break;
            case service::SignInKind::WrongFromDevice:
                kind = "wrong-password-known-browser";
                text = "profile.sign_ins.wrong_from_device";
                break;
            case service::SignInKind::HeldBackByLock:
                kind = "held-back";
                text = "profile.sign_ins.held_back";
                break;
        }
        row->SetValue("KIND", kind);
        row->SetValue("RESULT", ctx.tr(text));
        row->SetValue("AT", shownTime(ctx, s.at));
        row->SetValue("BROWSER", shownBrowser(ctx, domain::BrowserName{s.browser, s.platform}));
        row->SetValue("ADDRESS", s.clientAddress.empty() ? ctx.tr("profile.sessions.no_address") : s.clientAddress);
    }
}

// Passwords are never sent back: after a problem every field is empty.
web::Response securityForm(web::Context& ctx, const domain::FormErrors& errors, bool changed, int status) {
    web::Page page = ctx.page("profile/security", "profile.security.title");
    if (changed) page.dict().ShowSection("CHANGED");
    if (ctx.req.query("withdrawn") == "1") page.dict().ShowSection("WITHDRAWN");
    web::showFormErrors(page, errors, kSecurityFields);
    // The second factor's state, and the way to its page.
    const bool twoFactorOn = ctx.loggedIn().secondFactorOn;
    page.dict().ShowSection(twoFactorOn ? "TWO_FACTOR_ON" : "TWO_FACTOR_OFF");
    if (ctx.req.query("two_factor") == "off") page.dict().ShowSection("TWO_FACTOR_TURNED_OFF");
    fillConnectedServices(ctx, page.dict(), ctx.loggedIn().id);
    return page.render(status);
}

}  // namespace

web::Response ProfileHandler::get(web::Context& ctx) {
    const repo::Account& user = ctx.loggedIn();
    std::optional<service::ProfileData> stored = service::loadProfile(ctx.app.db, user.id);
    if (!stored) return accountGone(ctx);
    ProfileForm shown{stored->lastName, stored->firstName, stored->phone, code(stored->lang)};
    const bool mailsOn = user.officeId && applications::officeMailsOn(ctx.app.db, user.id);
    return profileForm(ctx, user, shown, mailsOn, {}, ctx.req.query("saved") == "1", 200);
}

web::Response ProfileHandler::post(web::Context& ctx) {
    const repo::Account& user = ctx.loggedIn();
    ProfileForm form = ProfileForm::read(ctx.req);
    service::ProfileData data;
    domain::FormErrors errors = validate(form, data);
    const bool mailsOn = ctx.req.form("application_mails") == "yes";
    if (!errors.empty()) return profileForm(ctx, user, form, mailsOn, errors, false, 422);

    service::updateProfile(ctx.app.db, user.id, data, ctx.req.clientAddress());
    if (user.officeId)
        applications::setOfficeMails(ctx.app.db, {user.id, *user.officeId, std::string(ctx.req.clientAddress())},
                                     mailsOn);
    // From the next page on: the stored language decides, and a language
    // this browser chose earlier must not hide the change.
    if (data.lang != user.language) ctx.rememberLang(data.lang);
    return web::Response::redirect("/profile?saved=1");
}

web::Response SecurityHandler::get(web::Context& ctx) {
    return securityForm(ctx, {}, ctx.req.query("changed") == "1", 200);
}

web::Response SecurityHandler::post(web::Context& ctx) {
    const repo::Account& user = ctx.loggedIn();
    const std::string current = ctx.req.form("current_password");
    const std::string password = ctx.req.form("password");
    domain::FormErrors errors;
    if (current.empty()) errors.add("current_password", "profile.security.current.missing");
    domain::checkNewPassword(password, ctx.req.form("password_confirm"),
                             domain::PersonalData{user.lastName, user.firstName, user.email}, *common_, errors);
    // The current password is checked (and a wrong one counted) only for
    // an otherwise complete, valid form.
    if (!errors.empty()) return securityForm(ctx, errors, false, 422);

    const service::PasswordChange change =
        service::changePassword(ctx.app.db, ctx.app.config, ctx.app.views, user.id, current, password,
                                ctx.sessionIdHash(), ctx.req.clientAddress());
    switch (change.outcome) {
        case service::ChangeOutcome::Changed:
            if (!change.sessionId.empty()) ctx.sessionRenewed(change.sessionId);
            return web::Response::redirect("/profile/security?changed=1");
        case service::ChangeOutcome::WrongCurrent:
            errors.add("current_password", "profile.security.current.wrong");
            break;
        case service::ChangeOutcome::Locked:
            errors.add("current_password", "profile.security.current.locked");
            break;
    }
    return securityForm(ctx, errors, false, 422);
}

web::Response ServicesHandler::post(web::Context& ctx) {
    const repo::Account& user = ctx.loggedIn();
    const std::string clientId = ctx.req.form("client");
    const std::int64_t now = util::now();
    ctx.app.db.transact([&](db::Tx& tx) {
        const std::optional<oidc::Client> client = oidc::findClient(tx, clientId);
        if (!client || !oidc::withdrawConsent(tx, user.id, client->id)) return;
        const int revoked = oidc::revokeUserClient(tx, user.id, client->id, now);
        repo::AuditEntry e;
        e.actor = repo::Actor::user(user.id);
        e.clientAddress = std::string(ctx.req.clientAddress());
        e.action = "oidc.consent.withdrawn";
        e.targetUserId = user.id;
        e.after = util::jsonText({{"client_id", client->clientId}, {"tokens_revoked", revoked}});
        repo::recordAudit(tx, e);
    });
    // The same answer for a service that had no consent: nothing to undo.
    return web::Response::redirect("/profile/security?withdrawn=1");
}

web::Response SessionsPageHandler::get(web::Context& ctx) {
    const repo::Account& user = ctx.loggedIn();
    web::Page page = ctx.page("profile/sessions", "profile.sessions.title");
    auto& d = page.dict();
    fillSessions(ctx, d);
    fillSignIns(ctx, d);
    if (user.clerk) {
        d.ShowSection("NOTICE_CLERK");
    } else {
        d.ShowSection("NOTICE_CHOICE");
        const bool on = ctx.app.db.autocommit([&](db::Tx& tx) { return service::newDeviceMailOn(tx, user); });
        d.ShowSection(on ? "NOTICE_ON" : "NOTICE_OFF");
    }
    if (ctx.req.query("notice") == "saved") d.ShowSection("NOTICE_SAVED");
    return page.render();
}

web::Response SessionsHandler::post(web::Context& ctx) {
    const repo::Account& user = ctx.loggedIn();
    if (ctx.req.form("all_others") == "1") {
        service::revokeOtherSessions(ctx.app.db, user.id, ctx.sessionIdHash(), ctx.req.clientAddress());
        return web::Response::redirect("/profile/sessions?sessions=others#sessions-heading");
    }
    switch (service::revokeOwnSession(ctx.app.db, user.id, ctx.req.form("session"), ctx.sessionIdHash(),
                                      ctx.req.clientAddress())) {
        case service::RevokeOutcome::Revoked:
            return web::Response::redirect("/profile/sessions?sessions=ended#sessions-heading");
        case service::RevokeOutcome::RevokedCurrent:
            ctx.sessionEnded();
            return web::Response::redirect("/login?logged_out=1");
        case service::RevokeOutcome::NotFound: break;
    }
    // Someone else's session, one that ended meanwhile, or nonsense: the
    // same answer, which tells nothing about any other account.
    return web::Response::redirect("/profile/sessions?sessions=gone#sessions-heading");
}

web::Response NoticeHandler::post(web::Context& ctx) {
    const std::string choice = ctx.req.form("new_device_mail");
    // Anything but the two choices changes nothing (the form offers no other).
    if (choice == "yes" || choice == "no")
        service::chooseNewDeviceMail(ctx.app.db, ctx.loggedIn(), choice == "yes", ctx.req.clientAddress());
    return web::Response::redirect("/profile/sessions?notice=saved#notice-heading");
}

}  // namespace ktk::profile
