// The login decision (SPEC §2 step 6, §4 enumeration and throttling).
//
// Exactly one password verification per attempt, whatever the outcome, so
// an unknown address, a wrong password and a locked account take the same
// time and give the same answer (Outcome::Invalid). Only after a correct
// password is the account's state told. Every attempt is audited with the
// client address; the password itself is never stored or logged.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "db/database.h"
#include "service/login_throttle.h"

namespace ktk::login {

enum class Outcome {
    Invalid,   // unknown address, wrong password, or a delay/lock running
    Pending,   // correct password, e-mail not confirmed yet
    Unlinked,  // correct password, confirmed, no municipality linked yet
    Disabled,  // correct password, account disabled by a clerk
    Contact,   // logged in: a linked municipality contact
    Clerk,     // logged in: a district-office clerk
};

struct Result {
    Outcome outcome = Outcome::Invalid;
    std::uint64_t userId = 0;  // set for every outcome but Invalid
};

// Called inside the transaction that records a successful login, to start
// the session there (so an audited login always has its session).
using OnSuccess = std::function<void(db::Tx&, std::uint64_t userId)>;

// Counts one wrong password, checked at `now`, against the account's throttle (see
// login_throttle.h) and audits it as "login.failure" with `reason`, plus
// "login.locked" when this failure starts a lock. Every check of an
// account's password that a visitor can repeat goes through here — the
// login form and the Security tab's current password — so all of them
// share one counter. `byTheUser`: the actor is the account itself (a
// logged-in user), not an anonymous visitor.
throttle::State recordFailure(db::Tx& tx, std::uint64_t userId, std::int64_t now, std::string_view clientAddress,
                              std::string_view reason, bool byTheUser = false);

// Decides one attempt. A hash made with older parameters is replaced on a
// correct password. Infrastructure failures throw.
Result authenticate(db::Database& db, std::string_view email, std::string_view password,
                    std::string_view clientAddress, const OnSuccess& onSuccess);

}  // namespace ktk::login
