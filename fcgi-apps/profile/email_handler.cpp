#include "profile/email_handler.h"

#include "domain/email.h"
#include "domain/person_name.h"
#include "web/form_view.h"
#include "web/page.h"

namespace ktk::profile {

namespace {

const web::FormField kEmailFields[] = {
    {"new_email", "NEW_EMAIL_ERROR", "profile.email_change.new_email"},
    {"current_password", "CURRENT_PASSWORD_ERROR", "profile.security.current_password"},
};

// The password is never sent back; the typed address is.
web::Response emailForm(web::Context& ctx, const std::string& typed, const domain::FormErrors& errors, bool sent,
                        int status) {
    web::Page page = ctx.page("profile/email", "profile.email_change.title");
    ctemplate::TemplateDictionary& d = page.dict();
    d.SetValue("EMAIL", ctx.loggedIn().email);
    d.SetValue("NEW_EMAIL", typed);
    if (sent) d.ShowSection("SENT");
    web::showFormErrors(page, errors, kEmailFields);
    return page.render(status);
}

// The pages of the two links: one template each, a section per state.
web::Response linkPage(web::Context& ctx, const char* name, const char* titleKey, const char* section,
                       int status, const service::EmailLink* link = nullptr, const std::string& token = {}) {
    web::Page page = ctx.page(name, titleKey);
    ctemplate::TemplateDictionary& d = page.dict();
    ctemplate::TemplateDictionary* s = d.AddSectionDictionary(section);
    if (link) {
        s->SetValue("TOKEN", token);
        s->SetValue("OLD_EMAIL", link->oldEmail);
        s->SetValue("NEW_EMAIL", link->newEmail);
        s->SetValue("NAME", domain::displayName(link->lastName, link->firstName, ctx.lang()));
    }
    if (ctx.user()) d.ShowSection("LOGGED_IN");
    else d.ShowSection("LOGGED_OUT");
    return page.render(status);
}

const char* const kConfirm = "profile/email_confirm";
const char* const kCancel = "profile/email_cancel";

}  // namespace

web::Response EmailHandler::get(web::Context& ctx) {
    return emailForm(ctx, "", {}, ctx.req.query("sent") == "1", 200);
}

web::Response EmailHandler::post(web::Context& ctx) {
    const repo::Account& user = ctx.loggedIn();
    const std::string typed = ctx.req.form("new_email");
    const std::string current = ctx.req.form("current_password");
    domain::FormErrors errors;
    const domain::CheckedEmail email = domain::checkEmail(typed);
    if (email.check != domain::EmailCheck::Ok) errors.add("new_email", domain::messageKey(email.check));
    else if (email.key == domain::emailKey(user.email)) errors.add("new_email", "profile.email_change.same");
    if (current.empty()) errors.add("current_password", "profile.security.current.missing");
    // The password is checked (and a wrong one counted) only for an
    // otherwise complete, valid form.
    if (!errors.empty()) return emailForm(ctx, typed, errors, false, 422);

    switch (service::requestEmailChange(ctx.app.db, ctx.app.config, ctx.app.views, user.id, current,
                                        {email.value, email.key}, ctx.req.clientAddress())) {
        case service::EmailChangeOutcome::Requested: return web::Response::redirect("/profile/email?sent=1");
        case service::EmailChangeOutcome::SameAddress:
            errors.add("new_email", "profile.email_change.same");
            break;
        case service::EmailChangeOutcome::WrongPassword:
            errors.add("current_password", "profile.email_change.wrong_password");
            break;
        case service::EmailChangeOutcome::Locked:
            errors.add("current_password", "profile.email_change.locked");
            break;
        case service::EmailChangeOutcome::TooSoon:
            errors.add("new_email", "profile.email_change.too_soon");
            break;
        case service::EmailChangeOutcome::DayFull:
            errors.add("new_email", "profile.email_change.day_full");
            break;
        default: return web::Response::redirect(ctx.app.site.loginPath);  // the account is gone
    }
    return emailForm(ctx, typed, errors, false, 422);
}

web::Response EmailConfirmHandler::get(web::Context& ctx) {
    if (ctx.req.query("done") == "1") return linkPage(ctx, kConfirm, "profile.email_confirm.done_title", "DONE", 200);
    const std::string token = ctx.req.query("token");
    const service::EmailLink link = service::inspectEmailConfirmLink(ctx.app.db, token);
    switch (link.state) {
        case service::EmailLinkState::Pending:
            return linkPage(ctx, kConfirm, "profile.email_confirm.title", "PENDING", 200, &link, token);
        case service::EmailLinkState::Used:
            return linkPage(ctx, kConfirm, "profile.email_confirm.used_title", "USED", 410);
        case service::EmailLinkState::Expired:
            return linkPage(ctx, kConfirm, "profile.email_confirm.expired_title", "EXPIRED", 410);
        default: break;
    }
    return linkPage(ctx, kConfirm, "profile.email_confirm.unknown_title", "UNKNOWN", 404);
}

web::Response EmailConfirmHandler::post(web::Context& ctx) {
    const repo::Account* user = ctx.user();
    const service::EmailConfirm r = service::confirmEmailChange(
        ctx.app.db, ctx.app.config, ctx.app.views, ctx.req.form("token"), ctx.sessionIdHash(),
        user ? std::optional<std::uint64_t>(user->id) : std::nullopt, ctx.req.clientAddress());
    switch (r.outcome) {
        case service::EmailConfirmOutcome::Changed:
            // The confirming browser's own session of the account goes on under a new id.
            if (!r.sessionId.empty()) ctx.sessionRenewed(r.sessionId);
            return web::Response::redirect("/profile/email/confirm?done=1");
        case service::EmailConfirmOutcome::AddressTaken:
            return linkPage(ctx, kConfirm, "profile.email_confirm.taken_title", "TAKEN", 409);
        case service::EmailConfirmOutcome::Used:
            return linkPage(ctx, kConfirm, "profile.email_confirm.used_title", "USED", 410);
        case service::EmailConfirmOutcome::Expired:
            return linkPage(ctx, kConfirm, "profile.email_confirm.expired_title", "EXPIRED", 410);
        case service::EmailConfirmOutcome::Unknown: break;
    }
    return linkPage(ctx, kConfirm, "profile.email_confirm.unknown_title", "UNKNOWN", 404);
}

web::Response EmailCancelHandler::get(web::Context& ctx) {
    const std::string done = ctx.req.query("done");
    if (done == "cancelled") return linkPage(ctx, kCancel, "profile.email_cancel.cancelled_title", "CANCELLED", 200);
    if (done == "reverted") return linkPage(ctx, kCancel, "profile.email_cancel.reverted_title", "REVERTED", 200);
    const std::string token = ctx.req.query("token");
    const service::EmailLink link = service::inspectEmailCancelLink(ctx.app.db, token);
    switch (link.state) {
        case service::EmailLinkState::Pending:
            return linkPage(ctx, kCancel, "profile.email_cancel.title", "PENDING", 200, &link, token);
        case service::EmailLinkState::Confirmed:
            return linkPage(ctx, kCancel, "profile.email_cancel.revert_title", "CONFIRMED", 200, &link, token);
        case service::EmailLinkState::Used:
            return linkPage(ctx, kCancel, "profile.email_cancel.used_title", "USED", 410);
        case service::EmailLinkState::Expired:
            return linkPage(ctx, kCancel, "profile.email_cancel.expired_title", "EXPIRED", 410);
        default: break;
    }
    return linkPage(ctx, kCancel, "profile.email_cancel.unknown_title", "UNKNOWN", 404);
}

web::Response EmailCancelHandler::post(web::Context& ctx) {
    switch (service::cancelEmailChange(ctx.app.db, ctx.app.config, ctx.app.views, ctx.req.form("token"),
                                       ctx.req.clientAddress())) {
        case service::EmailCancelOutcome::Cancelled:
            return web::Response::redirect("/profile/email/cancel?done=cancelled");
        case service::EmailCancelOutcome::Reverted:
            // Every session of the account ended (this browser's too, if it had one).
            return web::Response::redirect("/profile/email/cancel?done=reverted");
        case service::EmailCancelOutcome::OldAddressTaken:
            return linkPage(ctx, kCancel, "profile.email_cancel.taken_title", "TAKEN", 409);
        case service::EmailCancelOutcome::Used:
            return linkPage(ctx, kCancel, "profile.email_cancel.used_title", "USED", 410);
        case service::EmailCancelOutcome::Expired:
            return linkPage(ctx, kCancel, "profile.email_cancel.expired_title", "EXPIRED", 410);
        case service::EmailCancelOutcome::Unknown: break;
    }
    return linkPage(ctx, kCancel, "profile.email_cancel.unknown_title", "UNKNOWN", 404);
}

}  // namespace ktk::profile
