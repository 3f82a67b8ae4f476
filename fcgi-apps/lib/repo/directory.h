// The directory the clerks work on: district offices, municipalities and
// the accounts as a clerk or an operator sees them (state, municipality,
// office). Reads and plain inserts only; the changes that need an audit
// row and a mail are service/linking.h. Every function runs inside the
// caller's transaction. Names and tax numbers come in already validated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "domain/lang.h"

namespace ktk::repo {

struct Office {
    std::uint64_t id = 0;
    std::string name;
    std::string countyCode;  // the tax number's CC
    std::string createdAt;   // "YYYY-MM-DD HH:MM:SS" UTC
    unsigned municipalities = 0;
    unsigned clerks = 0;  // enabled clerks
};

struct Municipality {
    std::uint64_t id = 0;
    std::string name;
    std::string taxNumber;  // canonical NNNNNNNN-V-CC
    std::uint64_t officeId = 0;
    std::string officeName;
    std::string createdAt;
    unsigned contacts = 0;  // linked accounts (lists only)
};

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
    std::string createdAt;
    std::optional<std::string> confirmedAt;
    std::optional<std::string> disabledAt;
    std::optional<std::string> linkedAt;
    std::optional<Municipality> municipality;  // a linked contact's

    AccountState state() const;
    std::optional<std::uint64_t> municipalityId() const;
};

enum class Insert { Added, Duplicate };

struct Inserted {
    Insert outcome = Insert::Added;
    std::uint64_t id = 0;  // the new row, or the one that already holds the name / tax number
};

std::optional<Office> findOffice(db::Tx& tx, std::uint64_t id);
std::vector<Office> listOffices(db::Tx& tx);
// A second office of the same name is a Duplicate (names are unique).
Inserted addOffice(db::Tx& tx, const std::string& name, const std::string& countyCode);

std::optional<Municipality> findMunicipality(db::Tx& tx, const std::string& taxNumber);
// All municipalities, or those of one office; by name.
std::vector<Municipality> listMunicipalities(db::Tx& tx, std::optional<std::uint64_t> officeId);
// A tax number already registered is a Duplicate (tax numbers are unique).
Inserted addMunicipality(db::Tx& tx, const std::string& name, const std::string& taxNumber, std::uint64_t officeId);

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

// By the lowercase e-mail key; `lock` takes the row lock for a change.
std::optional<Account> findAccount(db::Tx& tx, std::string_view emailKey, bool lock = false);

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

// `text` with LIKE's wildcards escaped and wrapped in '%…%'.
std::string containsPattern(std::string_view text);

}  // namespace ktk::repo
