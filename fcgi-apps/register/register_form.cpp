#include "register/register_form.h"

#include "domain/email.h"
#include "domain/name.h"
#include "domain/new_password.h"
#include "domain/phone.h"

namespace ktk::registration {

RegisterForm RegisterForm::read(const web::Request& req) {
    RegisterForm f;
    f.lastName = req.form("last_name");
    f.firstName = req.form("first_name");
    f.email = req.form("email");
    f.language = req.form("language");
    f.phone = req.form("phone");
    f.password = req.form("password");
    f.passwordConfirm = req.form("password_confirm");
    f.captcha = req.form("captcha");
    f.captchaId = req.form("captcha_id");
    f.wantsNewCaptcha = !req.form("new_captcha").empty();
    return f;
}

domain::FormErrors validate(const RegisterForm& f, const domain::CommonPasswords& common, service::NewAccount& out) {
    using namespace domain;
    FormErrors errors;

    CheckedName last = checkName(f.lastName);
    if (last.check != NameCheck::Ok) errors.add("last_name", messageKey(last.check));
    CheckedName first = checkName(f.firstName);
    if (first.check != NameCheck::Ok) errors.add("first_name", messageKey(first.check));
    CheckedEmail email = checkEmail(f.email);
    if (email.check != EmailCheck::Ok) errors.add("email", messageKey(email.check));
    std::optional<domain::Lang> lang = domain::parseLang(f.language);
    if (!lang) errors.add("language", "validation.language.invalid");
    CheckedPhone phone = checkPhone(f.phone);
    if (phone.check != PhoneCheck::Ok) errors.add("phone", messageKey(phone.check));

    // The name and address as typed are what the password must not contain,
    // even while they have problems of their own.
    PersonalData person{last.check == NameCheck::Ok ? std::string_view(last.value) : std::string_view(f.lastName),
                        first.check == NameCheck::Ok ? std::string_view(first.value) : std::string_view(f.firstName),
                        email.check == EmailCheck::Ok ? std::string_view(email.value) : std::string_view(f.email)};
    checkNewPassword(f.password, f.passwordConfirm, person, common, errors);

    if (errors.empty()) {
        out.lastName = last.value;
        out.firstName = first.value;
        out.email = email.value;
        out.phone = phone.e164;
        out.lang = *lang;
    }
    return errors;
}

}  // namespace ktk::registration
