// A logged-in user's own data (README, "Forgotten password, profile and the
// Security tab"): last name, first name,
// phone and language. The e-mail address is not among them: it is the
// username the district office linked to the municipality, so only the
// office changes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/fwd.h"
#include "domain/lang.h"

namespace ktk::service {

// Values that passed the registration validators (names normalised,
// phone in E.164).
struct ProfileData {
    std::string lastName;
    std::string firstName;
    std::string phone;
    domain::Lang lang = domain::kDefaultLang;
};

// The stored values, for the form; nothing when the account is gone.
std::optional<ProfileData> loadProfile(db::Database& db, std::uint64_t userId);

enum class ProfileOutcome { Saved, Unchanged };

// Stores the values and audits "profile.changed" with the before and
// after values of the fields that changed; nothing is written when none
// did. The language takes effect for every later page and mail.
ProfileOutcome updateProfile(db::Database& db, std::uint64_t userId, const ProfileData& data,
                             std::string_view clientAddress);

}  // namespace ktk::service
