#include "admin/email_handler.h"

#include "admin/admin_area.h"
#include "domain/email.h"
#include "web/form_view.h"

namespace ktk::admin {

namespace {

const web::FormField kFields[] = {{"new_email", "NEW_EMAIL_ERROR", "admin.email_change.new_email"}};

web::Response render(web::Context& ctx, const Clerk& clerk, const std::optional<repo::Account>& account,
                     const std::string& typed, const domain::FormErrors& errors, const char* errorKey, int status) {
    web::Page p = page(ctx, clerk, "admin/email", "admin.email_change.title", "");
    ctemplate::TemplateDictionary& d = p.dict();
    if (account) {
        ctemplate::TemplateDictionary* a = d.AddSectionDictionary("ACCOUNT");
        showAccount(ctx, *a, *account);
        d.SetValue("BACK_URL", withQuery("/admin", "q", account->email));
    } else {
        d.SetValue("BACK_URL", "/admin");
    }
    if (errorKey) {
        d.SetValueAndShowSection("MESSAGE", ctx.tr(errorKey), "ERROR");
    } else if (account) {
        ctemplate::TemplateDictionary* form = d.AddSectionDictionary("FORM");
        form->SetValue("EMAIL", account->email);
        form->SetValue("NEW_EMAIL", typed);
    }
    web::showFormErrors(p, errors, kFields);
    return p.render(status);
}

// The contact named by `raw`, if the clerk may act on it; else the answer.
struct Found {
    std::optional<repo::Account> account;
    std::optional<web::Response> answer;
};

Found findContact(web::Context& ctx, const Clerk& clerk, std::string_view raw) {
    const domain::CheckedEmail email = domain::checkEmail(raw);
    if (email.check != domain::EmailCheck::Ok)
        return {std::nullopt, render(ctx, clerk, std::nullopt, "", {}, domain::messageKey(email.check), 422)};
    std::optional<repo::Account> account =
        ctx.app.db.transact([&](db::Tx& tx) { return repo::findAccount(tx, email.key); });
    if (!account || account->clerk)
        return {std::nullopt, render(ctx, clerk, std::nullopt, "", {}, "admin.error.unknown_user", 404)};
    if (!repo::withinOffice(*account, clerk.officeId)) {
        ctx.app.db.transact([&](db::Tx& tx) {
            service::recordDenied(tx, clerk.actor(ctx), "email.change_request", "user_outside_office", account->id,
                                  account->municipalityId());
        });
        return {std::nullopt, denied(ctx, clerk)};
    }
    return {account, std::nullopt};
}

}  // namespace

web::Response EmailChangeHandler::get(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    Found f = findContact(ctx, clerk, ctx.req.query("email"));
    if (f.answer) return std::move(*f.answer);
    return render(ctx, clerk, f.account, "", {}, nullptr, 200);
}

web::Response EmailChangeHandler::post(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    Found f = findContact(ctx, clerk, ctx.req.form("email"));
    if (f.answer) return std::move(*f.answer);
    const std::string typed = ctx.req.form("new_email");
    const domain::CheckedEmail to = domain::checkEmail(typed);
    domain::FormErrors errors;
    if (to.check != domain::EmailCheck::Ok) errors.add("new_email", domain::messageKey(to.check));
    if (!errors.empty()) return render(ctx, clerk, f.account, typed, errors, nullptr, 422);
    const service::EmailChangeOutcome outcome = service::startEmailChangeForContact(
        ctx.app.db, ctx.app.config, ctx.app.views, clerk.actor(ctx), domain::emailKey(f.account->email),
        {to.value, to.key});
    switch (outcome) {
        case service::EmailChangeOutcome::Requested:
            return web::Response::redirect(withQuery("/admin", "q", f.account->email) + "&done=email_change");
        case service::EmailChangeOutcome::SameAddress: errors.add("new_email", "profile.email_change.same"); break;
        case service::EmailChangeOutcome::TooSoon: errors.add("new_email", "admin.email_change.too_soon"); break;
        case service::EmailChangeOutcome::DayFull: errors.add("new_email", "admin.email_change.day_full"); break;
        case service::EmailChangeOutcome::OutsideOffice: return denied(ctx, clerk);
        default: return render(ctx, clerk, std::nullopt, "", {}, "admin.error.unknown_user", 404);
    }
    return render(ctx, clerk, f.account, typed, errors, nullptr, 422);
}

}  // namespace ktk::admin
