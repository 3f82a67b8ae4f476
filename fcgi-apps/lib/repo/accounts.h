// The account read model: one struct for an account as every flow reads
// it (login, password change and reset, registration, the clerks' and the
// operator's views, the logged-in user of a page), and the queries that
// fill it. The login throttle's columns are parsed here once. Every
// function runs inside the caller's unit of work; e-mail keys come in
// as domain::checkEmail made them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "domain/lang.h"
#include "domain/login_throttle.h"
#include "repo/directory.h"

namespace ktk::repo {

// What a clerk reads from an account: pending until the address is
// confirmed, then confirmed (waiting for a link), linked; disabled wins
// over all of them.
enum class AccountState { Pending, Confirmed, Linked, Disabled };

// "pending", "confirmed", "linked", "disabled": CLI output, CSS classes
// and the suffix of the message keys admin.state.*.
const char* stateName(AccountState state);

struct Account {
    std::uint64_t id = 0;
    std::string email;
    std::string lastName;
    std::string firstName;
    std::string phone;
    domain::Lang language = domain::kDefaultLang;
    bool clerk = false;
    std::optional<std::uint64_t> officeId;  // a clerk's office
    std::string officeName;                 // a clerk's office
    // A clerk's office's applications counter (the session lookup only;
    // migration 0027_stamps).
    std::uint64_t officeApplicationsVersion = 0;
    std::string createdAt;                  // "YYYY-MM-DD HH:MM:SS" UTC
    std::optional<std::string> confirmedAt;
    std::optional<std::string> disabledAt;
    std::optional<std::string> linkedAt;
    std::optional<Municipality> municipality;  // a linked contact's
    std::string passwordHash;                  // argon2id PHC; never shown, logged or mailed
    std::optional<domain::ThrottleState> throttle;  // recent failed password checks
    bool secondFactorOn = false;  // a confirmed authenticator (filled in by the session lookup only)

    AccountState state() const;
    std::optional<std::uint64_t> municipalityId() const;
};

// ForUpdate takes the account's row lock until the unit of work ends, so
// its password, state and throttle cannot change underneath a decision.
enum class Lock { None, ForUpdate };

// By the lowercase e-mail key (domain::checkEmail's `key`); any other
// text finds nothing and runs no query.
std::optional<Account> findAccount(db::Tx& tx, std::string_view emailKey, Lock lock = Lock::None);
std::optional<Account> findAccountById(db::Tx& tx, std::uint64_t id, Lock lock = Lock::None);

// True when a clerk of `officeId` may see and act on the account: a
// contact that is not linked, or linked to a municipality of that office.
bool withinOffice(const Account& account, std::uint64_t officeId);

// Contacts a clerk of `officeId` may see (withinOffice), newest first,
// whose e-mail address or name contains `query` (case and accents
// ignored); an empty query lists confirmed accounts still waiting for a
// link. At most `limit` rows.
std::vector<Account> searchForOffice(db::Tx& tx, std::uint64_t officeId, std::string_view query, std::size_t limit);

// Every account (contacts and clerks), newest first, optionally only those
// whose e-mail address or name contains `query`; for the operator.
std::vector<Account> listAccounts(db::Tx& tx, std::string_view query, std::size_t limit);

// A clerk's account, created by the operator: confirmed from the start
// (the operator vouches for the address), bound to one office.
struct NewClerk {
    std::string email;  // validated, as typed
    std::string lastName;
    std::string firstName;
    std::string phone;  // E.164 or ""
    domain::Lang language = domain::kDefaultLang;
    std::string passwordHash;
    std::uint64_t officeId = 0;
};
// An address that already has an account is a Duplicate.
Inserted addClerk(db::Tx& tx, const NewClerk& clerk);

// `text` with LIKE's wildcards escaped and wrapped in '%…%'.
std::string containsPattern(std::string_view text);

}  // namespace ktk::repo
