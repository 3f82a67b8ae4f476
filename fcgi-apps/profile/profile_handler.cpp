#include "profile/profile_handler.h"

#include "applications/office_service.h"
#include "domain/new_password.h"
#include "oidc/authorize.h"
#include "oidc/grants.h"
#include "oidc/metadata.h"
#include "profile/profile_form.h"
#include "repo/audit.h"
#include "service/password_change.h"
#include "service/profile.h"
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

// Passwords are never sent back: after a problem every field is empty.
web::Response securityForm(web::Context& ctx, const domain::FormErrors& errors, bool changed, int status) {
    web::Page page = ctx.page("profile/security", "profile.security.title");
    if (changed) page.dict().ShowSection("CHANGED");
    if (ctx.req.query("withdrawn") == "1") page.dict().ShowSection("WITHDRAWN");
    web::showFormErrors(page, errors, kSecurityFields);
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

}  // namespace ktk::profile
