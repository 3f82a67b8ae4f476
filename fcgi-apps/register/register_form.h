// The registration form: its fields as typed, and their validation into
// per-field message keys (everything but the captcha, which needs the
// database and is checked by the handler before any password hashing).
#pragma once

#include <string>

#include "domain/form_errors.h"
#include "domain/password_policy.h"
#include "service/registration.h"
#include "web/request.h"

namespace ktk::registration {

struct RegisterForm {
    std::string lastName;
    std::string firstName;
    std::string email;
    std::string language;
    std::string phone;
    std::string password;
    std::string passwordConfirm;
    std::string captcha;
    std::string captchaId;
    bool wantsNewCaptcha = false;  // the "new code" button, without script

    static RegisterForm read(const web::Request& req);
};

// Fills `out` (password not yet hashed: passwordHash stays empty) when
// every field is valid; errors are keyed by the form's field names.
domain::FormErrors validate(const RegisterForm& form, const domain::CommonPasswords& common,
                            service::NewAccount& out);

}  // namespace ktk::registration
