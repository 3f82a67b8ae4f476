#include "password/password_handler.h"

#include "crypto/password.h"
#include "domain/email.h"
#include "domain/new_password.h"
#include "domain/person_name.h"
#include "service/password_reset.h"
#include "web/page.h"
#include "web/form_view.h"

namespace ktk::password {

namespace {

const web::FormField kForgotFields[] = {
    {"email", "EMAIL_ERROR", "password.forgot.email"},
};

const web::FormField kResetFields[] = {
    {"password", "PASSWORD_ERROR", "password.reset.password"},
    {"password_confirm", "PASSWORD_CONFIRM_ERROR", "password.reset.password_confirm"},
};

web::Response forgotForm(web::Context& ctx, const std::string& email, const domain::FormErrors& errors, int status) {
    web::Page page = ctx.page("password/forgot", "password.forgot.title");
    page.describe("password.forgot.description");
    page.dict().SetValue("EMAIL", email);
    web::showFormErrors(page, errors, kForgotFields);
    return page.render(status);
}

// Expired, used or unknown: a clear page with the way to a new mail.
web::Response invalidLink(web::Context& ctx, service::ResetLinkState state) {
    const char* title = "password.invalid.unknown.title";
    const char* section = "UNKNOWN";
    int status = 404;
    if (state == service::ResetLinkState::Expired) {
        title = "password.invalid.expired.title";
        section = "EXPIRED";
        status = 410;
    } else if (state == service::ResetLinkState::Used) {
        title = "password.invalid.used.title";
        section = "USED";
        status = 410;
    }
    web::Page page = ctx.page("password/invalid", title);
    page.dict().ShowSection(section);
    return page.render(status);
}

// The form for a valid link: whose password it sets, by name only.
web::Response resetForm(web::Context& ctx, const std::string& token, const repo::Account& owner,
                        const domain::FormErrors& errors, int status) {
    web::Page page = ctx.page("password/reset", "password.reset.title");
    page.dict().SetValue("NAME", domain::displayName(owner.lastName, owner.firstName, ctx.lang()));
    page.dict().SetValue("TOKEN", token);
    web::showFormErrors(page, errors, kResetFields);
    return page.render(status);
}

}  // namespace

web::Response ForgotHandler::get(web::Context& ctx) { return forgotForm(ctx, "", {}, 200); }

web::Response ForgotHandler::post(web::Context& ctx) {
    const std::string typed = ctx.req.form("email");
    domain::CheckedEmail email = domain::checkEmail(typed);
    if (email.check == domain::EmailCheck::Missing) {
        domain::FormErrors errors;
        errors.add("email", domain::messageKey(email.check));
        return forgotForm(ctx, typed, errors, 422);
    }
    // Every address gets the same answer, one the portal refuses too
    // (README, "E-mail addresses and other hostile input"); only a real
    // one is stored for the mail worker.
    if (email.check == domain::EmailCheck::Ok)
        service::requestPasswordReset(ctx.app.db, email.value, ctx.req.clientAddress());
    return web::Response::redirect("/password/forgot/sent");
}

web::Response ForgotSentHandler::get(web::Context& ctx) {
    return ctx.page("password/sent", "password.sent.title").render();
}

web::Response ResetHandler::get(web::Context& ctx) {
    const std::string token = ctx.req.query("token");
    service::ResetLink link = service::inspectResetLink(ctx.app.db, token);
    if (link.state != service::ResetLinkState::Valid) return invalidLink(ctx, link.state);
    return resetForm(ctx, token, link.owner, {}, 200);
}

web::Response ResetHandler::post(web::Context& ctx) {
    const std::string token = ctx.req.form("token");
    // Checked before any hashing, so a flood of made-up links costs nothing.
    service::ResetLink link = service::inspectResetLink(ctx.app.db, token);
    if (link.state != service::ResetLinkState::Valid) return invalidLink(ctx, link.state);

    const std::string password = ctx.req.form("password");
    domain::FormErrors errors;
    const repo::Account& owner = link.owner;
    domain::checkNewPassword(password, ctx.req.form("password_confirm"),
                             domain::PersonalData{owner.lastName, owner.firstName, owner.email}, *common_, errors);
    if (!errors.empty()) return resetForm(ctx, token, owner, errors, 422);

    const std::string hash = crypto::hashPassword(password);
    switch (service::resetPassword(ctx.app.db, ctx.app.config, ctx.app.views, token, hash, ctx.req.clientAddress())) {
        case service::ResetOutcome::Done:
            return web::Response::redirect("/login?password_reset=1");
        case service::ResetOutcome::Used:
            return invalidLink(ctx, service::ResetLinkState::Used);
        case service::ResetOutcome::Expired:
            return invalidLink(ctx, service::ResetLinkState::Expired);
        case service::ResetOutcome::Unknown:
            break;
    }
    return invalidLink(ctx, service::ResetLinkState::Unknown);
}

}  // namespace ktk::password
