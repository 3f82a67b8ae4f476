// A person's recent sign-ins as the audit log recorded them (Security tab,
// "Recent sign-ins"): the login attempts against their account, read
// back from audit_log (the login service writes one row per attempt, with
// the client address and, since the Security tab lists them, the short
// browser name). Password checks of the Security tab itself
// (reason "wrong_current_password") are not sign-ins and are left out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.h"

namespace ktk::repo {

struct SignInRow {
    std::int64_t at = 0;        // UTC seconds
    std::string clientAddress;  // "" when none was recorded
    std::string action;         // "login.success", "login.failure", "login.refused_locked"
    std::string after;          // the row's JSON ("{}" when none)
};

// The newest `limit` rows, newest first.
std::vector<SignInRow> recentSignIns(db::Tx& tx, std::uint64_t userId, unsigned limit);

}  // namespace ktk::repo
