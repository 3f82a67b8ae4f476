#include "domain/new_password.h"

namespace ktk::domain {

void checkNewPassword(std::string_view password, std::string_view confirmation, const PersonalData& person,
                      const CommonPasswords& common, FormErrors& errors) {
    PasswordCheck check = checkPassword(password, person, common);
    if (check != PasswordCheck::Ok) errors.add("password", messageKey(check));
    if (confirmation.empty()) errors.add("password_confirm", "validation.password_confirm.missing");
    else if (confirmation != password) errors.add("password_confirm", "validation.password_confirm.mismatch");
}

}  // namespace ktk::domain
