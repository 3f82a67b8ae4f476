// A new password typed twice, as the registration, the reset page and the
// Security tab ask for it: the one password policy on the first field,
// equality on the second. Problems go into `errors` under the forms'
// field names "password" and "password_confirm".
#pragma once

#include <string_view>

#include "domain/form_errors.h"
#include "domain/password_policy.h"

namespace ktk::domain {

void checkNewPassword(std::string_view password, std::string_view confirmation, const PersonalData& person,
                      const CommonPasswords& common, FormErrors& errors);

}  // namespace ktk::domain
