#include "confirm/confirm_handler.h"

#include "domain/email.h"
#include "domain/person_name.h"
#include "service/registration.h"
#include "web/page.h"
#include "web/form_view.h"

namespace ktk::confirm {

namespace {

// Every page here belongs to the registration: its helpdesk link asks
// about a registration problem.
web::Page confirmPage(web::Context& ctx, std::string name, std::string_view titleKey) {
    web::Page page = ctx.page(std::move(name), titleKey);
    page.askHelpdeskAboutRegistration();
    return page;
}

web::Response alreadyConfirmed(web::Context& ctx) {
    return confirmPage(ctx, "confirm/already", "confirm.already.title").render(200);
}

// An expired or unknown link: a clear page with the form for a new one.
web::Response invalidLink(web::Context& ctx, bool expired) {
    web::Page page = confirmPage(ctx, "confirm/invalid", expired ? "confirm.expired.title" : "confirm.unknown.title");
    page.dict().ShowSection(expired ? "EXPIRED" : "UNKNOWN");
    return page.render(404);
}

web::Response resendForm(web::Context& ctx, const std::string& email, const char* errorKey, int status) {
    web::Page page = confirmPage(ctx, "confirm/resend", "confirm.resend.title");
    page.dict().SetValue("EMAIL", email);
    domain::FormErrors errors;
    if (errorKey) errors.add("email", errorKey);
    web::showFormErrors(page, errors, {{"email", "EMAIL_ERROR", "confirm.resend.email"}});
    return page.render(status);
}

}  // namespace

web::Response ConfirmHandler::get(web::Context& ctx) {
    const std::string token = ctx.req.query("token");
    const service::ConfirmationLink link = service::inspectConfirmationLink(ctx.app.db, token);
    switch (link.state) {
        case service::LinkState::Valid: {
            web::Page page = confirmPage(ctx, "confirm/confirm", "confirm.title");
            page.dict().SetValue("TOKEN", token);
            // Who registered, so that someone who did not can tell.
            page.dict().SetValue("NAME", domain::displayName(link.lastName, link.firstName, ctx.lang()));
            return page.render();
        }
        case service::LinkState::AlreadyConfirmed:
            return alreadyConfirmed(ctx);
        case service::LinkState::Expired:
            return invalidLink(ctx, true);
        case service::LinkState::Unknown:
            break;
    }
    return invalidLink(ctx, false);
}

web::Response ConfirmHandler::post(web::Context& ctx) {
    const std::string token = ctx.req.form("token");
    switch (service::confirmAddress(ctx.app.db, ctx.app.config, ctx.app.views, token)) {
        case service::ConfirmOutcome::Confirmed:
            return web::Response::redirect("/confirm/done");
        case service::ConfirmOutcome::AlreadyConfirmed:
            return alreadyConfirmed(ctx);
        case service::ConfirmOutcome::Expired:
            return invalidLink(ctx, true);
        case service::ConfirmOutcome::Unknown:
            break;
    }
    return invalidLink(ctx, false);
}

web::Response ConfirmDoneHandler::get(web::Context& ctx) {
    return confirmPage(ctx, "confirm/done", "confirm.done.title").render();
}

web::Response ResendHandler::get(web::Context& ctx) { return resendForm(ctx, "", nullptr, 200); }

web::Response ResendHandler::post(web::Context& ctx) {
    const std::string typed = ctx.req.form("email");
    domain::CheckedEmail email = domain::checkEmail(typed);
    if (email.check == domain::EmailCheck::Missing)
        return resendForm(ctx, typed, domain::messageKey(email.check), 422);
    // Every address gets the same answer, one the portal refuses too
    // (README, "E-mail addresses and other hostile input"); only a real
    // one goes further.
    if (email.check == domain::EmailCheck::Ok)
        service::resendConfirmation(ctx.app.db, ctx.app.config, ctx.app.views, email.key);
    return web::Response::redirect("/confirm/resend/sent");
}

web::Response ResendSentHandler::get(web::Context& ctx) {
    return confirmPage(ctx, "confirm/resend_sent", "confirm.resend.sent_title").render();
}

}  // namespace ktk::confirm
