// The profile form: its fields as typed, validated with the registration's
// validators into per-field message keys.
#pragma once

#include <string>

#include "domain/form_errors.h"
#include "service/profile.h"
#include "web/request.h"

namespace ktk::profile {

struct ProfileForm {
    std::string lastName;
    std::string firstName;
    std::string phone;
    std::string language;

    static ProfileForm read(const web::Request& req);
};

// Fills `out` when every field is valid; errors are keyed by field name.
domain::FormErrors validate(const ProfileForm& form, service::ProfileData& out);

}  // namespace ktk::profile
