#include "register/register_handler.h"

#include "captcha/captcha.h"
#include "crypto/password.h"
#include "register/register_form.h"
#include "service/registration.h"
#include "web/page.h"
#include "web/form_view.h"

namespace ktk::registration {

namespace {

// The form with a fresh captcha: typed values kept, passwords and the
// captcha answer never sent back.
web::Response renderForm(web::Context& ctx, const RegisterForm& form, const domain::FormErrors& errors, int status) {
    std::string captchaId;
    // HEAD sends no body, so it needs no captcha (and stores none).
    if (ctx.req.method() != web::Method::Head)
        captchaId = ctx.app.db.transact([&](db::Tx& tx) { return captcha::issue(tx, ctx.app.config); });

    web::Page page = ctx.page("register/register", "register.title");
    page.describe("register.description");
    page.askHelpdeskAboutRegistration();
    ctemplate::TemplateDictionary& d = page.dict();
    d.SetValue("LAST_NAME", form.lastName);
    d.SetValue("FIRST_NAME", form.firstName);
    d.SetValue("EMAIL", form.email);
    d.SetValue("PHONE", form.phone);
    d.SetValue("CAPTCHA_ID", captchaId);
    domain::Lang chosen = domain::parseLang(form.language).value_or(ctx.lang());
    d.ShowSection(chosen == domain::Lang::En ? "LANGUAGE_EN" : "LANGUAGE_HU");
    // In page order, so that the error summary lists problems top to bottom.
    web::showFormErrors(page, errors,
                        {{"last_name", "LAST_NAME_ERROR", "register.last_name"},
                         {"first_name", "FIRST_NAME_ERROR", "register.first_name"},
                         {"email", "EMAIL_ERROR", "register.email"},
                         {"language", "LANGUAGE_ERROR", "register.language"},
                         {"phone", "PHONE_ERROR", "register.phone"},
                         {"password", "PASSWORD_ERROR", "register.password"},
                         {"password_confirm", "PASSWORD_CONFIRM_ERROR", "register.password_confirm"},
                         {"captcha", "CAPTCHA_ERROR", "register.captcha"}});
    return page.render(status);
}

}  // namespace

web::Response RegisterHandler::get(web::Context& ctx) { return renderForm(ctx, RegisterForm{}, {}, 200); }

web::Response RegisterHandler::post(web::Context& ctx) {
    RegisterForm form = RegisterForm::read(ctx.req);
    if (form.wantsNewCaptcha) return renderForm(ctx, form, {}, 200);

    service::NewAccount account;
    domain::FormErrors errors = validate(form, *common_, account);
    // The captcha is used up here, right or wrong, and always before the
    // expensive hashing below.
    captcha::Check check =
        ctx.app.db.transact([&](db::Tx& tx) { return captcha::verify(tx, form.captchaId, form.captcha); });
    if (check != captcha::Check::Ok) errors.add("captcha", captcha::messageKey(check));
    if (!errors.empty()) return renderForm(ctx, form, errors, 422);

    account.passwordHash = crypto::hashPassword(form.password);
    service::registerAccount(ctx.app.db, ctx.app.config, ctx.app.views, account, ctx.req.clientAddress());
    return web::Response::redirect("/register/done");
}

web::Response RegisterDoneHandler::get(web::Context& ctx) {
    web::Page page = ctx.page("register/done", "register.done.title");
    page.askHelpdeskAboutRegistration();
    return page.render();
}

}  // namespace ktk::registration
