// The forgotten-password flow (README, "Forgotten password, profile and the
// Security tab"). A request mails a link to a registered address; the link
// shows a page and, on its POST, sets a new password. The request's answer
// never depends on the address, so the caller shows one page for all.
// Links carry 256 random bits (crypto::randomToken), only their SHA-256 is
// stored, they live one hour, are used once (an atomic UPDATE … WHERE
// used_at IS NULL and an affected-rows check) and become void when the
// password changes by any route (replacePassword). A reset does not log
// anyone in, and works while the account is locked (it lifts the lock).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.h"
#include "db/fwd.h"
#include "service/password_change.h"
#include "view/fwd.h"

namespace ktk::service {

constexpr std::int64_t kResetLinkLifetime = 3600;  // one hour
constexpr std::int64_t kResetMailInterval = 60;    // at most one reset mail a minute per account

// Mail kind of the link (templates/mail/<kind>/).
constexpr const char* kPasswordResetMailKind = "password_reset";

// The mails each flow below may send (see registration.h); the requests'
// mails are sent by the mail worker, which loads their templates.
constexpr const char* kRequestResetMails[] = {kPasswordResetMailKind};
constexpr const char* kResetMails[] = {kPasswordChangedMailKind};

// Records the request for the mail worker: one INSERT, the same work for
// every address, so that neither the answer nor its time tells whether
// the address has an account. `email` has passed domain::checkEmail.
void requestPasswordReset(db::Database& db, std::string_view email, std::string_view clientAddress);

// The mail worker's part, up to `limit` waiting requests, oldest first,
// each in a transaction of its own: for the account with the address,
// unless it is disabled, a new link and its mail in the account's
// language, at most one a minute and five a day (repo/mail_throttle.h),
// counted from when the request was made. Every request is audited
// ("password.reset_requested": mailed, or why not). Returns how many
// requests were handled.
int handleResetRequests(db::Database& db, const config::Config& config, const view::Views& views, unsigned limit);

enum class ResetLinkState { Valid, Used, Expired, Unknown };

struct ResetLink {
    ResetLinkState state = ResetLinkState::Unknown;
    // Whose link it is, when Valid. The address is here for the password
    // policy (a password must not contain its local part); pages never
    // show it.
    repo::Account owner;
};

// Reads only: a GET or HEAD of the link changes nothing. A link of a
// disabled account is Unknown.
ResetLink inspectResetLink(db::Database& db, std::string_view token);

enum class ResetOutcome { Done, Used, Expired, Unknown };

// Uses the link up, stores `newHash` through replacePassword (every other
// link void, every session ended, a login lock lifted), audits
// "password.reset_completed" and queues the notification, in one
// transaction. The caller has checked the new password against the policy
// and hashed it.
ResetOutcome resetPassword(db::Database& db, const config::Config& config, const view::Views& views,
                           std::string_view token, const std::string& newHash, std::string_view clientAddress);

}  // namespace ktk::service
