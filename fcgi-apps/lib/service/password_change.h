// Changing a password, by whatever route, and telling its owner.
//
// replacePassword() is the one place where a password is replaced: the
// reset link, the Security tab and `ktk-admin user set-password` all call
// it, so each of them voids the account's outstanding reset links, ends
// its sessions and lifts a login delay or lock in the same transaction as
// the new hash. changePassword() is the Security tab's flow on top of it:
// the current password is checked like a login (one verification, a wrong
// one counts towards the same per-account throttle) before anything
// changes. Passwords are never stored, logged or audited.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.h"
#include "mail/queue.h"
#include "db/fwd.h"
#include "repo/accounts.h"
#include "view/fwd.h"

namespace ktk::service {

// Mail kind of the notification (templates/mail/<kind>/).
constexpr const char* kPasswordChangedMailKind = "password_changed";
// The mails changePassword() may send (see registration.h).
constexpr const char* kChangePasswordMails[] = {kPasswordChangedMailKind};

// Stores `newHash` (argon2id PHC) for the account and, in the same
// transaction: every reset link of the account not used yet becomes void;
// every session of the account ends except the one stored under
// `keepSessionIdHash` (none when empty); the login throttle is cleared.
// Returns how many sessions ended.
int replacePassword(db::Tx& tx, std::uint64_t userId, const std::string& newHash, std::int64_t now,
                    std::string_view keepSessionIdHash = {});

// How the password was changed, as the notification tells it.
enum class ChangeRoute { ResetLink, SecurityTab };

// „A jelszava megváltozott" / "Your password was changed" in the owner's
// language: the time (Hungarian time), the client address, and what to
// do if it was not them.
mail::Message passwordChangedMail(const repo::Account& owner, ChangeRoute route, std::string_view clientAddress,
                                  std::int64_t now, const config::Config& config);
// Queues it.
void queuePasswordChangedMail(db::Tx& tx, const config::Config& config, const view::Views& views,
                              const repo::Account& owner, ChangeRoute route, std::string_view clientAddress,
                              std::int64_t now);

enum class ChangeOutcome {
    Changed,
    WrongCurrent,  // counted as a failed password check
    Locked,        // a login delay or lock runs: nothing was checked or counted
};

struct PasswordChange {
    ChangeOutcome outcome = ChangeOutcome::WrongCurrent;
    // Changed: the caller's session under its new id (renewed in the
    // transaction that stored the password), for the browser's cookie; ""
    // when the caller's session had ended meanwhile.
    std::string sessionId;
};

// The Security tab: checks `currentPassword` (throttled like a login);
// only when it is right hashes `newPassword` — which the caller has
// checked against the password policy — and stores it, ends every other
// session and gives the caller's own (`keepSessionIdHash`) a new id,
// audits "password.changed" and queues the notification. Safe to run
// twice: only the committed attempt's result comes back.
PasswordChange changePassword(db::Database& db, const config::Config& config, const view::Views& views,
                              std::uint64_t userId, std::string_view currentPassword, std::string_view newPassword,
                              std::string_view keepSessionIdHash, std::string_view clientAddress);

}  // namespace ktk::service
