// What a district-office clerk (web, /admin) or an operator (ktk-admin)
// does to an account: link it to a municipality by tax number, unlink,
// disable, enable. Each change is one transaction holding the change, its
// audit row (before and after values) and the mail that tells the user,
// in the user's language. A clerk acts only within their office
// (repo::withinOffice, and only on municipalities of that office);
// an attempt outside it changes nothing, is written to the audit log as
// "access.denied" and comes back as AdminOutcome::OutsideOffice. Outcomes are
// values; only infrastructure failures throw.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "db/fwd.h"
#include "repo/audit.h"
#include "repo/accounts.h"
#include "view/fwd.h"

namespace ktk::service {

// Mail kinds (templates/mail/<kind>/).
constexpr const char* kLinkedMailKind = "account_linked";
constexpr const char* kUnlinkedMailKind = "account_unlinked";
constexpr const char* kDisabledMailKind = "account_disabled";
constexpr const char* kEnabledMailKind = "account_enabled";

// The mails each action below may send (see registration.h).
constexpr const char* kLinkMails[] = {kLinkedMailKind};
constexpr const char* kUnlinkMails[] = {kUnlinkedMailKind};
constexpr const char* kDisableMails[] = {kDisabledMailKind};
constexpr const char* kEnableMails[] = {kEnabledMailKind};

// Who acts: a clerk, bound to an office, or an operator at the command
// line, bound to none.
struct AdminActor {
    repo::Actor who;
    std::string clientAddress;              // "" at the command line
    std::optional<std::uint64_t> officeId;  // nullopt: every office (operator)
};

enum class AdminOutcome {
    Done,
    UnknownUser,          // no account has that address
    NotAContact,          // a clerk's account: clerks are managed with ktk-admin
    NotAClerk,            // disableClerk: the account is a contact's
    Pending,              // the address is not confirmed yet: cannot be linked
    Disabled,             // a disabled account cannot be linked; enable it first
    AlreadyLinked,        // already linked to that municipality: nothing changed
    NotLinked,            // unlink of an account that has no municipality
    AlreadyDisabled,      // nothing changed
    NotDisabled,          // enable of an account that is not disabled
    UnknownMunicipality,  // the tax number is not registered and no name was given to add it
    WrongCounty,          // a new tax number of another county than the office's: not added
    OutsideOffice,        // an account or municipality of another office: refused, audited
    NoSecondFactor,       // resetSecondFactor: the account has no confirmed authenticator
};

struct LinkRequest {
    std::string emailKey;
    std::string taxNumber;  // canonical (domain::parseTaxNumber)
    // Validated (domain::checkOrgName); when the tax number is not yet
    // registered, a clerk's link adds the municipality to their own office
    // under this name, if the tax number is of the office's county
    // (domain::taxNumberInCounty). Ignored when the tax number exists; ""
    // means it must.
    std::string newMunicipalityName;
};

struct AdminResult {
    AdminOutcome outcome = AdminOutcome::Done;
    std::optional<repo::Account> account;            // as it was before the change
    std::optional<repo::Municipality> municipality;  // link: the one linked to; unlink: the one left
    bool municipalityAdded = false;
    std::string officeCounty;  // WrongCounty: the county the office takes municipalities from
    int sessionsEnded = 0;
};

AdminResult linkAccount(db::Database& db, const config::Config& config, const view::Views& views,
                        const AdminActor& actor, const LinkRequest& request);

// Unlink and disable also end every session of the account.
AdminResult unlinkAccount(db::Database& db, const config::Config& config, const view::Views& views,
                          const AdminActor& actor, std::string_view emailKey);
AdminResult disableAccount(db::Database& db, const config::Config& config, const view::Views& views,
                           const AdminActor& actor, std::string_view emailKey);
AdminResult enableAccount(db::Database& db, const config::Config& config, const view::Views& views,
                          const AdminActor& actor, std::string_view emailKey);

// The operator's `clerk disable`: a clerk's account is disabled, its
// sessions ended, audited as "clerk.disable"; no mail. NotAClerk for a
// contact's account.
AdminResult disableClerk(db::Database& db, const AdminActor& actor, std::string_view emailKey);

// Whose accounts an action is for: contacts (a clerk's only within their
// office), clerks (the operator's), or any account for the operator and,
// for a clerk, a contact of their office all the same.
enum class Subject { Contact, Clerk, Any };

// Decides and acts on the account, read under its row lock; returns the outcome.
using AccountChange = std::function<AdminOutcome(db::Tx& tx, const repo::Account& account, AdminResult& result)>;

// The guarded skeleton of every action on an account: one transaction;
// the account read under its row lock; it must exist and be of the kind
// the action (audited as `action`) is for, and a contact must lie within
// the acting clerk's office (else nothing changes, and the attempt is
// audited as "access.denied"). Only then does `change` decide and act. A
// fresh result on every attempt, so a retried transaction reports only
// what was committed.
AdminResult onAccount(db::Database& db, const AdminActor& actor, std::string_view emailKey, const char* action,
                      Subject subject, const AccountChange& change);

// Records an attempt outside the actor's office (or by someone who is no
// clerk at all) as "access.denied": what was tried and why it was refused.
void recordDenied(db::Tx& tx, const AdminActor& actor, std::string_view action, std::string_view reason,
                  std::optional<std::uint64_t> targetUser, std::optional<std::uint64_t> targetMunicipality);

}  // namespace ktk::service
