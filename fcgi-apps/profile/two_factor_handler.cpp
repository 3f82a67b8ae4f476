#include "profile/two_factor_handler.h"

#include "twofactor/qr_svg.h"
#include "twofactor/totp.h"
#include "web/form_view.h"
#include "web/page.h"

namespace ktk::profile {

namespace {

const web::FormField kEnrolFields[] = {
    {"code", "CODE_ERROR", "profile.two_factor.code"},
};
const web::FormField kDisableFields[] = {
    {"password", "PASSWORD_ERROR", "profile.two_factor.password"},
    {"code", "CODE_ERROR", "profile.two_factor.code"},
};

// The issuer an authenticator app lists the account under.
constexpr const char* kIssuer = "KTK";

web::Page twoFactorPage(web::Context& ctx) { return ctx.page("profile/two_factor", "profile.two_factor.title"); }

// The enrolment: QR code, secret, the form for the first code.
web::Response enrolPage(web::Context& ctx, const std::string& secret, const domain::FormErrors& errors, int status) {
    const repo::Account& user = ctx.loggedIn();
    web::Page page = twoFactorPage(ctx);
    ctemplate::TemplateDictionary* d = page.dict().AddSectionDictionary("ENROL");
    if (user.clerk) d->ShowSection("CLERK_MUST");
    const std::string text = twofactor::base32(secret);
    d->SetValue("SECRET", twofactor::grouped(text));
    if (std::optional<twofactor::QrMatrix> m = twofactor::qrMatrix(twofactor::keyUri(kIssuer, user.email, text)))
        d->SetValue("QR", twofactor::qrSvg(*m, ctx.tr("profile.two_factor.qr_label")));
    d->SetValue("ACCOUNT", user.email);
    web::showFormErrors(page, errors, kEnrolFields);
    return page.render(status);
}

// On: the state, and (contacts) the form that turns it off.
web::Response onPage(web::Context& ctx, const domain::FormErrors& errors, int status) {
    const repo::Account& user = ctx.loggedIn();
    const service::TwoFactorStatus s = service::twoFactorStatus(ctx.app.db, user.id);
    web::Page page = twoFactorPage(ctx);
    ctemplate::TemplateDictionary* d = page.dict().AddSectionDictionary("ON");
    std::string left = ctx.tr("profile.two_factor.codes_left");
    if (std::size_t at = left.find("{count}"); at != std::string::npos) left.replace(at, 7, std::to_string(s.recoveryCodesLeft));
    d->SetValue("CODES_LEFT", left);
    if (ctx.req.query("enabled") == "1") d->ShowSection("JUST_ENABLED");
    if (user.clerk) d->ShowSection("CLERK_KEEPS");
    else d->ShowSection("DISABLE");
    if (errors.has("form")) page.dict().SetValueAndShowSection("MESSAGE", ctx.tr(*errors.find("form")), "LOCKED");
    web::showFormErrors(page, errors, kDisableFields);
    return page.render(status);
}

web::Response show(web::Context& ctx, const domain::FormErrors& errors, int status) {
    const repo::Account& user = ctx.loggedIn();
    if (service::twoFactorStatus(ctx.app.db, user.id).state == repo::SecondFactor::On)
        return onPage(ctx, errors, status);
    std::optional<std::string> secret = service::pendingEnrolment(ctx.app.db, ctx.app.config, user.id, ctx.req.clientAddress());
    if (!secret) return onPage(ctx, errors, status);  // confirmed in another tab meanwhile
    return enrolPage(ctx, *secret, errors, status);
}

web::Response disable(web::Context& ctx) {
    const repo::Account& user = ctx.loggedIn();
    if (user.clerk) return ctx.errorPage(403);
    const std::string password = ctx.req.form("password");
    const std::string code = ctx.req.form("code");
    domain::FormErrors errors;
    if (password.empty()) errors.add("password", "profile.two_factor.password_missing");
    if (!twofactor::normalizeCode(code)) errors.add("code", "profile.two_factor.code_shape");
    if (!errors.empty()) return show(ctx, errors, 422);
    switch (service::disableSecondFactor(ctx.app.db, ctx.app.config, ctx.app.views, user.id, password, code,
                                         ctx.req.clientAddress())) {
        case service::DisableOutcome::Disabled: return web::Response::redirect("/profile/security?two_factor=off");
        case service::DisableOutcome::NotOn: return web::Response::redirect("/profile/two-factor");
        case service::DisableOutcome::WrongPassword: errors.add("password", "profile.two_factor.password_wrong"); break;
        case service::DisableOutcome::WrongCode: errors.add("code", "profile.two_factor.code_wrong"); break;
        case service::DisableOutcome::Locked: errors.add("form", "profile.two_factor.locked"); break;
    }
    return show(ctx, errors, 422);
}

}  // namespace

web::Response TwoFactorHandler::get(web::Context& ctx) { return show(ctx, {}, 200); }

web::Response TwoFactorHandler::post(web::Context& ctx) {
    if (ctx.req.form("disable") == "1") return disable(ctx);
    const repo::Account& user = ctx.loggedIn();
    const std::string code = ctx.req.form("code");
    domain::FormErrors errors;
    if (!twofactor::normalizeCode(code)) {
        errors.add("code", "profile.two_factor.code_shape");
        return show(ctx, errors, 422);
    }
    const service::Enrolment e =
        service::confirmEnrolment(ctx.app.db, ctx.app.config, user.id, code, ctx.req.clientAddress());
    switch (e.outcome) {
        case service::EnrolOutcome::NotPending: return web::Response::redirect("/profile/two-factor");
        case service::EnrolOutcome::WrongCode:
            errors.add("code", "profile.two_factor.code_wrong");
            return show(ctx, errors, 422);
        case service::EnrolOutcome::Confirmed: break;
    }
    // The codes, this once: the answer is not stored (no-store, as every
    // answer), and never shown again.
    web::Page page = twoFactorPage(ctx);
    ctemplate::TemplateDictionary* d = page.dict().AddSectionDictionary("CODES");
    for (const std::string& c : e.recoveryCodes) d->AddSectionDictionary("CODE")->SetValue("RECOVERY_CODE", c);
    d->SetValue("NEXT", ctx.app.site.home(user.clerk));
    return page.render();
}

}  // namespace ktk::profile
