// The registration flows: creating a pending account with its confirmation
// mail, confirming the address through the mailed link, and sending a new
// link. Every state change commits in one transaction with its mail.
// Outcomes are values; only infrastructure failures throw.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.h"
#include "db/fwd.h"
#include "domain/lang.h"
#include "repo/audit.h"
#include "view/fwd.h"

namespace ktk::service {

constexpr std::int64_t kConfirmationLifetime = 72 * 3600;  // mail can be slow, offices close at weekends
constexpr std::int64_t kConfirmationMailInterval = 60;     // at most one confirmation mail a minute
constexpr std::int64_t kNoticeMailInterval = 10 * 60;      // "someone used your address" notices

// Mail kinds (templates/mail/<kind>/).
constexpr const char* kConfirmMailKind = "confirm_registration";
constexpr const char* kConfirmedMailKind = "registration_confirmed";
constexpr const char* kNoticeMailKind = "registration_notice";

// The mails each flow below may send: a handler that calls it names them
// among its templates (web::mailTemplates), so its program loads them.
constexpr const char* kRegisterMails[] = {kConfirmMailKind, kNoticeMailKind};
constexpr const char* kConfirmAddressMails[] = {kConfirmedMailKind};
constexpr const char* kResendMails[] = {kConfirmMailKind};

// A validated registration; the password is already hashed.
struct NewAccount {
    std::string lastName;
    std::string firstName;
    std::string email;  // trimmed, as typed
    std::string phone;  // E.164
    domain::Lang lang = domain::kDefaultLang;
    std::string passwordHash;
};

enum class RegisterOutcome {
    Created,       // pending account + confirmation mail
    Replaced,      // the address's pending registration now holds these names, phone, language and
                   // password; its earlier links are gone and a new one is mailed (within the mail limits)
    AddressTaken,  // confirmed (or disabled): nothing changes; the owner gets a notice (at most one per 10 minutes)
};

// The caller shows the same page for every outcome. A replacement is
// audited ("registration.replaced", with `clientAddress`).
RegisterOutcome registerAccount(db::Database& db, const config::Config& config, const view::Views& views,
                                const NewAccount& account, std::string_view clientAddress);

enum class LinkState {
    Valid,             // shows the Confirm button
    AlreadyConfirmed,  // this link was used, or the address was confirmed by another link
    Expired,
    Unknown,
};

struct ConfirmationLink {
    LinkState state = LinkState::Unknown;
    // Who registered, when Valid: the page shows the name, so that the
    // owner of the mailbox can tell a registration that is not theirs.
    std::string lastName;
    std::string firstName;
};

// Reads only: a GET of the link changes nothing.
ConfirmationLink inspectConfirmationLink(db::Database& db, std::string_view token);

enum class ConfirmOutcome { Confirmed, AlreadyConfirmed, Expired, Unknown };

// Uses the link up atomically, marks the address confirmed and queues the
// "registration confirmed" mail.
ConfirmOutcome confirmAddress(db::Database& db, const config::Config& config, const view::Views& views,
                              std::string_view token);

// A new confirmation mail for a pending account with this address, at most
// one a minute and five a day; silently nothing for unknown, confirmed or
// disabled ones.
void resendConfirmation(db::Database& db, const config::Config& config, const view::Views& views,
                        std::string_view emailKey);

// Removes every registration still not confirmed `pendingDays` after it
// was made (config registration.pending_days), with its links, in
// batches, each removal audited as "registration.purged" by `actor`
// (the mail worker's hourly housekeeping, or ktk-admin). Returns how
// many were removed.
int purgePendingRegistrations(db::Database& db, unsigned pendingDays, const repo::Actor& actor);

}  // namespace ktk::service
