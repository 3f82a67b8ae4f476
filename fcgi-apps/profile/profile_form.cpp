#include "profile/profile_form.h"

#include "domain/name.h"
#include "domain/phone.h"

namespace ktk::profile {

ProfileForm ProfileForm::read(const web::Request& req) {
    ProfileForm f;
    f.lastName = req.form("last_name");
    f.firstName = req.form("first_name");
    f.phone = req.form("phone");
    f.language = req.form("language");
    return f;
}

domain::FormErrors validate(const ProfileForm& f, service::ProfileData& out) {
    using namespace domain;
    FormErrors errors;
    CheckedName last = checkName(f.lastName);
    if (last.check != NameCheck::Ok) errors.add("last_name", messageKey(last.check));
    CheckedName first = checkName(f.firstName);
    if (first.check != NameCheck::Ok) errors.add("first_name", messageKey(first.check));
    CheckedPhone phone = checkPhone(f.phone);
    if (phone.check != PhoneCheck::Ok) errors.add("phone", messageKey(phone.check));
    std::optional<domain::Lang> lang = domain::parseLang(f.language);
    if (!lang) errors.add("language", "validation.language.invalid");
    if (errors.empty()) {
        out.lastName = last.value;
        out.firstName = first.value;
        out.phone = phone.e164;
        out.lang = *lang;
    }
    return errors;
}

}  // namespace ktk::profile
