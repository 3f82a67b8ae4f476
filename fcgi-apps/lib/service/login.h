// The login decision (README, "Sessions, login throttling and the audit log":
// enumeration and throttling).
//
// Exactly one password verification per attempt, whatever the outcome, so
// an unknown address, a wrong password and a locked account take the same
// time and give the same answer (LoginOutcome::Invalid). Only after a correct
// password is the account's state told. Every attempt is audited with the
// client address; the password itself is never stored or logged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "db/fwd.h"
#include "repo/login_throttle.h"
#include "service/device_token.h"
#include "view/fwd.h"

namespace ktk::service {

enum class LoginOutcome {
    Invalid,   // unknown address, wrong password, or a delay/lock running
    Pending,   // correct password, e-mail not confirmed yet
    Unlinked,  // correct password, confirmed, no municipality linked yet
    Disabled,  // correct password, account disabled by a clerk
    Contact,   // logged in: a linked municipality contact
    Clerk,     // logged in: a district-office clerk
    SecondStep,  // correct password, the account has a second factor: a code is asked for next
};

struct LoginResult {
    LoginOutcome outcome = LoginOutcome::Invalid;
    std::uint64_t userId = 0;  // set for every outcome but Invalid
    // Contact and Clerk: the id of the session started in the transaction
    // that audited the login (so an audited login always has its session),
    // for the browser's cookie.
    std::string sessionId;
    // Contact and Clerk: a new device token for the browser's device cookie.
    std::string deviceToken;
    // SecondStep: the value for the pending step's cookie (repo/login_steps.h).
    std::string stepToken;
    // Clerk: no confirmed second factor yet; the login goes on to the
    // enrolment page, and no office page opens until it is done.
    bool mustEnrol = false;
};

// One attempt at the login form.
struct LoginAttempt {
    std::string_view email;
    std::string_view password;
    std::string_view clientAddress;
    std::string_view replacedSessionIdHash;  // the browser's earlier session, ended on success ("": none)
    std::string_view deviceToken;            // the browser's device cookie ("": none)
    std::string_view userAgent;              // the browser's User-Agent header, kept with the session
};

// Counts one wrong password, checked at `now`, against the account's throttle (see
// login_throttle.h) and audits it as "login.failure" with `reason`, plus
// "login.locked" when this failure starts a lock. Every check of an
// account's password that a visitor can repeat goes through here — the
// login form and the Security tab's current password — so all of them
// share one counter. `byTheUser`: the actor is the account itself (a
// logged-in user), not an anonymous visitor.
domain::ThrottleState recordPasswordFailure(db::Tx& tx, std::uint64_t userId, std::int64_t now,
                                            std::string_view clientAddress, std::string_view reason,
                                            bool byTheUser = false, std::string_view path = {},
                                            std::string_view userAgent = {});

// Decides one attempt. A hash made with older parameters is replaced on a
// correct password. A successful login ends the session stored under
// `replacedSessionIdHash` and starts a new one. Every unit of work in here
// may run twice (a deadlock, a lost connection): only the committed
// attempt's result comes back. Infrastructure failures throw.
//
// Device cookies: an attempt that carries a valid, unrevoked device token
// for the account takes the device path: a lock of the account (which
// others may have caused) does not hold it back; its wrong passwords count
// for the device alone, and the 10th revokes the token; its success leaves
// a running lock running. Any other attempt takes the untrusted path and
// counts toward the account's throttle as before. The audit rows say which
// path ("path": "device" or "untrusted").
//
// A login without such a cookie also queues the new-device notice
// (service/new_device.h), in the transaction that starts the session.
LoginResult authenticate(db::Database& db, const config::Config& config, const view::Views& views,
                         const DeviceTokens& devices, const LoginAttempt& attempt);

// The second step of a login (README, "Second factor"): the pending
// step's cookie value and what the person typed, `code` (the
// authenticator's) or else `recoveryCode`.
struct SecondStepAttempt {
    std::string_view stepToken;
    std::string_view code;
    std::string_view recoveryCode;
    std::string_view clientAddress;
    std::string_view userAgent;
};

enum class SecondStepOutcome {
    Done,     // logged in: `login` as authenticate() gives it
    Invalid,  // a wrong code, or a delay/lock running: the login form's generic answer
    Gone,     // no such step (missing, used, expired) or the account changed since: start again
};

struct SecondStepResult {
    SecondStepOutcome outcome = SecondStepOutcome::Gone;
    LoginResult login;
    int recoveryCodesLeft = -1;  // when a recovery code was used: how many remain
};

// Decides one attempt at the second step. A code is accepted once (its
// step is stored in the transaction that accepts it), a recovery code is
// used up. A wrong one counts as a wrong password does: toward the
// account's throttle, or on the device path (the first step came with a
// valid device cookie) toward the device's own count. On success the
// step is used up and the session starts as after a password alone.
// A login on the untrusted path mails the new-device notice here as
// after a password alone.
SecondStepResult completeSecondStep(db::Database& db, const config::Config& config, const view::Views& views,
                                    const DeviceTokens& devices, const SecondStepAttempt& attempt);

// Logout: ends the session stored under `sessionIdHash` and audits it.
void logout(db::Database& db, std::uint64_t userId, std::string_view sessionIdHash, std::string_view clientAddress);

}  // namespace ktk::service
