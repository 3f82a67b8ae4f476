#include "admin/account_handler.h"

#include "admin/admin_area.h"
#include "domain/email.h"
#include "repo/second_factor.h"
#include "service/second_factor_reset.h"

namespace ktk::admin {

namespace {

// Everything that differs between the three actions.
struct Spec {
    const char* path;
    const char* auditAction;  // for a refused attempt to look at an account outside the office
    const char* titleKey;
    const char* explanationKey;
    const char* submitKey;
    const char* done;  // /admin?done=…
};

const Spec& spec(AccountAction action) {
    static const Spec unlink{"/admin/unlink", "user.unlink", "admin.unlink.title", "admin.unlink.explanation",
                             "admin.unlink.submit", "unlinked"};
    static const Spec disable{"/admin/disable", "user.disable", "admin.disable.title", "admin.disable.explanation",
                              "admin.disable.submit", "disabled"};
    static const Spec enable{"/admin/enable", "user.enable", "admin.enable.title", "admin.enable.explanation",
                             "admin.enable.submit", "enabled"};
    static const Spec reset{"/admin/reset-two-factor", service::kSecondFactorResetAudit, "admin.reset_two_factor.title",
                            "admin.reset_two_factor.explanation", "admin.reset_two_factor.submit", "two_factor_reset"};
    switch (action) {
        case AccountAction::Unlink: return unlink;
        case AccountAction::Disable: return disable;
        case AccountAction::Enable: return enable;
        case AccountAction::ResetSecondFactor: return reset;
    }
    return unlink;
}

// The reason the action cannot be done to the account as it is, if any.
const char* obstacle(AccountAction action, const repo::Account& a, repo::SecondFactor secondFactor) {
    switch (action) {
        case AccountAction::Unlink: return a.municipality ? nullptr : "admin.error.not_linked";
        case AccountAction::Disable: return a.disabledAt ? "admin.error.already_disabled" : nullptr;
        case AccountAction::Enable: return a.disabledAt ? nullptr : "admin.error.not_disabled";
        case AccountAction::ResetSecondFactor:
            return secondFactor == repo::SecondFactor::On ? nullptr : "admin.error.no_second_factor";
    }
    return nullptr;
}

const char* messageKey(AccountAction action, service::AdminOutcome outcome) {
    switch (outcome) {
        case service::AdminOutcome::NotAContact:
            return action == AccountAction::ResetSecondFactor ? "admin.error.clerk_second_factor"
                                                              : "admin.error.clerk_account";
        case service::AdminOutcome::NotLinked: return "admin.error.not_linked";
        case service::AdminOutcome::AlreadyDisabled: return "admin.error.already_disabled";
        case service::AdminOutcome::NotDisabled: return "admin.error.not_disabled";
        case service::AdminOutcome::NoSecondFactor: return "admin.error.no_second_factor";
        default: return "admin.error.unknown_user";
    }
}

// The page for `account` (nullopt: no such account), with the confirm
// button unless `errorKey` says why the action cannot be done.
web::Response render(web::Context& ctx, const Clerk& clerk, AccountAction action,
                     const std::optional<repo::Account>& account, const char* errorKey, int status) {
    const Spec& s = spec(action);
    web::Page p = page(ctx, clerk, "admin/account", s.titleKey, "");
    ctemplate::TemplateDictionary& d = p.dict();
    d.SetValue("HEADING", ctx.tr(s.titleKey));
    if (account) {
        d.ShowSection("ACCOUNT");
        showAccount(ctx, d, *account);
        // The number the person registered with, to call them back on
        // before their second factor is turned off.
        if (action == AccountAction::ResetSecondFactor && !account->phone.empty())
            d.SetValueAndShowSection("PHONE_NUMBER", account->phone, "PHONE");
        d.SetValue("BACK_URL", withQuery("/admin", "q", account->email));
    } else {
        d.SetValue("BACK_URL", "/admin");
    }
    if (errorKey) {
        d.SetValueAndShowSection("MESSAGE", ctx.tr(errorKey), "ERROR");
        d.ShowSection("BACK");
    } else {
        ctemplate::TemplateDictionary* form = d.AddSectionDictionary("CONFIRM");
        form->SetValue("ACTION", s.path);
        form->SetValue("EXPLANATION", ctx.tr(s.explanationKey));
        form->SetValue("SUBMIT", ctx.tr(s.submitKey));
    }
    return p.render(status);
}

}  // namespace

std::vector<std::string> AccountHandler::templates() const {
    switch (action_) {
        case AccountAction::Unlink: return web::pagesAndMails({"admin/"}, service::kUnlinkMails);
        case AccountAction::Disable: return web::pagesAndMails({"admin/"}, service::kDisableMails);
        case AccountAction::Enable: return web::pagesAndMails({"admin/"}, service::kEnableMails);
        case AccountAction::ResetSecondFactor: return web::pagesAndMails({"admin/"}, service::kSecondFactorResetMails);
    }
    return {};
}

web::Response AccountHandler::get(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    const domain::CheckedEmail email = domain::checkEmail(ctx.req.query("email"));
    if (email.check != domain::EmailCheck::Ok)
        return render(ctx, clerk, action_, std::nullopt, domain::messageKey(email.check), 422);
    repo::SecondFactor secondFactor = repo::SecondFactor::None;
    std::optional<repo::Account> account = ctx.app.db.transact([&](db::Tx& tx) {
        std::optional<repo::Account> a = repo::findAccount(tx, email.key);
        if (a && action_ == AccountAction::ResetSecondFactor) secondFactor = repo::secondFactorOf(tx, a->id);
        return a;
    });
    if (!account) return render(ctx, clerk, action_, std::nullopt, "admin.error.unknown_user", 404);
    if (account->clerk) {
        if (action_ != AccountAction::ResetSecondFactor)
            return render(ctx, clerk, action_, std::nullopt, "admin.error.unknown_user", 404);
        // Only the operator resets a clerk's second factor: say so, and keep
        // the attempt in the log as the POST would.
        ctx.app.db.transact([&](db::Tx& tx) {
            service::recordDenied(tx, clerk.actor(ctx), spec(action_).auditAction, "clerk_account", account->id,
                                  std::nullopt);
        });
        return render(ctx, clerk, action_, std::nullopt, "admin.error.clerk_second_factor", 403);
    }
    if (!repo::withinOffice(*account, clerk.officeId)) {
        ctx.app.db.transact([&](db::Tx& tx) {
            service::recordDenied(tx, clerk.actor(ctx), spec(action_).auditAction, "user_outside_office", account->id,
                                  account->municipalityId());
        });
        return denied(ctx, clerk);
    }
    return render(ctx, clerk, action_, account, obstacle(action_, *account, secondFactor), 200);
}

web::Response AccountHandler::post(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    const domain::CheckedEmail email = domain::checkEmail(ctx.req.form("email"));
    if (email.check != domain::EmailCheck::Ok)
        return render(ctx, clerk, action_, std::nullopt, domain::messageKey(email.check), 422);
    const std::string& key = email.key;
    const service::AdminActor actor = clerk.actor(ctx);
    const config::Config& config = ctx.app.config;
    service::AdminResult result;
    switch (action_) {
        case AccountAction::Unlink:
            result = service::unlinkAccount(ctx.app.db, config, ctx.app.views, actor, key);
            break;
        case AccountAction::Disable:
            result = service::disableAccount(ctx.app.db, config, ctx.app.views, actor, key);
            break;
        case AccountAction::Enable:
            result = service::enableAccount(ctx.app.db, config, ctx.app.views, actor, key);
            break;
        case AccountAction::ResetSecondFactor:
            result = service::resetSecondFactor(ctx.app.db, config, ctx.app.views, actor, key);
            break;
    }
    switch (result.outcome) {
        case service::AdminOutcome::Done:
            return web::Response::redirect(withQuery("/admin", "q", result.account->email) + "&done=" +
                                           spec(action_).done);
        case service::AdminOutcome::OutsideOffice: return denied(ctx, clerk);
        case service::AdminOutcome::UnknownUser:
            return render(ctx, clerk, action_, std::nullopt, messageKey(action_, result.outcome), 404);
        case service::AdminOutcome::NotAContact:
            return render(ctx, clerk, action_, std::nullopt, messageKey(action_, result.outcome),
                          action_ == AccountAction::ResetSecondFactor ? 403 : 404);
        default: return render(ctx, clerk, action_, result.account, messageKey(action_, result.outcome), 409);
    }
}

}  // namespace ktk::admin
