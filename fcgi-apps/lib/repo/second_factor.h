// An account's second factor as a whole (tables user_totp and
// user_recovery_codes, migration 0023): whether it has one, and removing
// it. The enrolment, the codes and the login step build on this.
#pragma once

#include <cstdint>

#include "db/database.h"

namespace ktk::repo {

enum class SecondFactor {
    None,       // no authenticator
    Enrolling,  // an enrolment begun, not confirmed by a first code
    On,         // confirmed: a login asks for a code
};

SecondFactor secondFactorOf(db::Tx& tx, std::uint64_t userId);

// Removes the authenticator and every recovery code of the account.
// Returns whether a confirmed authenticator was removed.
bool removeSecondFactor(db::Tx& tx, std::uint64_t userId);

}  // namespace ktk::repo
