// Changing an account's e-mail address (README, "Changing the e-mail
// address"; tables in 0025_email_change.sql, repo/email_changes.h).
//
// 1. The owner asks on /profile/email with the new address and the
//    current password (checked like the Security tab's: throttled, a wrong
//    one counted), or a district-office clerk starts it for a contact of
//    the office (no password; audited with the clerk as actor). Nothing in
//    the account changes. The new address gets a link to confirm (24 h,
//    once); the old one a notice of what was asked with a link that cancels
//    it. An address that belongs to another account gets the same answer
//    and the same notice to the old address, but no link: its owner is told
//    instead. Mail caps: one request a minute and five a day per account;
//    one notice to the other owner per 10 minutes.
// 2. Only the POST behind the confirmation link changes the address (a GET
//    shows the button, so a mail scanner changes nothing), inside one
//    transaction that re-checks the address is free (the unique key on
//    users.email_key decides). Every session of the account ends but the
//    one of the browser that confirmed, if it is the account's own; device
//    cookies are revoked; reset links and other pending requests are void.
//    Both addresses are told; the old one with a link to switch back.
// 3. The cancel link (and the switch-back link) stops a pending change; for
//    72 hours after a change it switches the account back to the old
//    address, ends EVERY session, revokes device cookies and voids reset
//    links, and tells both addresses: whoever changed it may know the
//    password, so the old owner is asked to set a new one.
// Every step is audited ("email.change_requested", "email.change_refused",
// "email.changed", "email.change_cancelled", "email.change_reverted",
// "email.revert_refused"). Outcomes are values; only infrastructure
// failures throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "db/fwd.h"
#include "domain/email.h"
#include "mail/queue.h"
#include "repo/accounts.h"
#include "repo/audit.h"
#include "service/account_admin.h"
#include "view/fwd.h"

namespace ktk::service {

constexpr std::int64_t kEmailChangeLifetime = 24 * 3600;        // the confirmation link
constexpr std::int64_t kEmailChangeRevertWindow = 72 * 3600;    // cancel link after the change
constexpr std::int64_t kEmailChangeMailInterval = 60;           // one request a minute per account
constexpr std::int64_t kEmailChangeNoticeInterval = 10 * 60;    // to the owner of a taken address

// Mail kinds (templates/mail/<kind>/).
constexpr const char* kEmailChangeConfirmMailKind = "email_change_confirm";    // to the new address: the link
constexpr const char* kEmailChangeNoticeMailKind = "email_change_notice";      // to the old one: the cancel link
constexpr const char* kEmailChangeTakenMailKind = "email_change_taken";        // to the owner of a taken address
constexpr const char* kEmailChangedMailKind = "email_changed";                 // to both, after the change
constexpr const char* kEmailChangeRevertedMailKind = "email_change_reverted";  // to both, after switching back

constexpr const char* kEmailChangeRequestMails[] = {kEmailChangeConfirmMailKind, kEmailChangeNoticeMailKind,
                                                    kEmailChangeTakenMailKind};
constexpr const char* kEmailChangeConfirmMails[] = {kEmailChangedMailKind};
constexpr const char* kEmailChangeCancelMails[] = {kEmailChangeRevertedMailKind};

// The mails as the flows below build them, in `owner`'s language (each
// goes to the address named, not necessarily the account's stored one).
// `at` is shown in Hungarian time.
mail::Message emailChangeConfirmMail(const repo::Account& owner, const std::string& newEmail,
                                     const std::string& link, std::int64_t at, const config::Config& config);
mail::Message emailChangeNoticeMail(const repo::Account& owner, const std::string& newEmail,
                                    const std::string& cancelLink, bool byOffice, std::int64_t at,
                                    const config::Config& config);
// To the new address (`toOld` false) or to the old one with the link back.
mail::Message emailChangedMail(const repo::Account& owner, bool toOld, const std::string& oldEmail,
                               const std::string& newEmail, const std::string& cancelLink, std::int64_t at,
                               const config::Config& config);
mail::Message emailChangeRevertedMail(const repo::Account& owner, bool toOld, const std::string& oldEmail,
                                      const std::string& newEmail, std::int64_t at, const config::Config& config);

enum class EmailChangeOutcome {
    Requested,      // mailed (also when the address is another account's: the same answer)
    SameAddress,    // the account's own address already (any case)
    WrongPassword,  // counted as a failed password check; nothing stored
    Locked,         // a login delay or lock runs: nothing checked or counted
    TooSoon,        // a request less than a minute ago
    DayFull,        // five requests in the last 24 hours
    NotAContact,    // clerk: the account is a clerk's
    OutsideOffice,  // clerk: not a contact of the clerk's office (audited as access.denied)
    UnknownUser,    // clerk: no such account
};

// The owner, on /profile/email.
EmailChangeOutcome requestEmailChange(db::Database& db, const config::Config& config, const view::Views& views,
                                      std::uint64_t userId, std::string_view currentPassword,
                                      const domain::EmailAddress& newAddress, std::string_view clientAddress);

// A clerk (within their office) for the contact whose address key is `contactKey`.
EmailChangeOutcome startEmailChangeForContact(db::Database& db, const config::Config& config,
                                              const view::Views& views, const AdminActor& clerk,
                                              std::string_view contactKey, const domain::EmailAddress& newAddress);

// What a link is, changing nothing (GET).
enum class EmailLinkState {
    Pending,    // confirm: shows the button; cancel: can stop the pending change
    Confirmed,  // cancel: the change happened, can still be switched back
    Used,       // used, cancelled, or void
    Expired,
    Unknown,
};

struct EmailLink {
    EmailLinkState state = EmailLinkState::Unknown;
    std::string oldEmail;
    std::string newEmail;
    std::string lastName, firstName;
};

EmailLink inspectEmailConfirmLink(db::Database& db, std::string_view token);
EmailLink inspectEmailCancelLink(db::Database& db, std::string_view token);

enum class EmailConfirmOutcome { Changed, AddressTaken, Used, Expired, Unknown };

struct EmailConfirm {
    EmailConfirmOutcome outcome = EmailConfirmOutcome::Unknown;
    // Changed, when the confirming browser's session was the account's: its new id.
    std::string sessionId;
};

// The POST behind the confirmation link. `sessionIdHash`/`sessionUserId`:
// the confirming browser's session, if any; kept (renewed) only when it is
// the account's.
EmailConfirm confirmEmailChange(db::Database& db, const config::Config& config, const view::Views& views,
                                std::string_view token, std::string_view sessionIdHash,
                                std::optional<std::uint64_t> sessionUserId, std::string_view clientAddress);

enum class EmailCancelOutcome { Cancelled, Reverted, OldAddressTaken, Used, Expired, Unknown };

// The POST behind the cancel link (or the switch-back link).
EmailCancelOutcome cancelEmailChange(db::Database& db, const config::Config& config, const view::Views& views,
                                     std::string_view token, std::string_view clientAddress);

}  // namespace ktk::service
