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
    AddressTaken,  // nothing created; the owner gets a notice (at most one per 10 minutes)
};

// The caller shows the same page for both outcomes.
RegisterOutcome registerAccount(db::Database& db, const config::Config& config, const view::Views& views,
                                const NewAccount& account);

enum class LinkState {
    Valid,             // shows the Confirm button
    AlreadyConfirmed,  // this link was used, or the address was confirmed by another link
    Expired,
    Unknown,
};

// Reads only: a GET of the link changes nothing.
LinkState inspectConfirmationLink(db::Database& db, std::string_view token);

enum class ConfirmOutcome { Confirmed, AlreadyConfirmed, Expired, Unknown };

// Uses the link up atomically, marks the address confirmed and queues the
// "registration confirmed" mail.
ConfirmOutcome confirmAddress(db::Database& db, const config::Config& config, const view::Views& views,
                              std::string_view token);

// A new confirmation mail for a pending account with this address, at most
// one a minute; silently nothing for unknown, confirmed or disabled ones.
void resendConfirmation(db::Database& db, const config::Config& config, const view::Views& views,
                        std::string_view emailKey);

}  // namespace ktk::service
