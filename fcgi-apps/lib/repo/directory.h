// The directory the clerks work on: district offices and municipalities
// (the accounts in it are repo/accounts.h). Reads and plain inserts only;
// the changes that need an audit row and a mail are
// service/account_admin.h. Every function runs inside the caller's unit
// of work. Names and tax numbers come in already validated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"

namespace ktk::repo {

struct Office {
    std::uint64_t id = 0;
    std::string name;
    std::string countyCode;  // the tax number's CC
    std::string code;        // what its contract numbers carry: its own, or JH<county>-<id> (0013_negotiation.sql)
    bool ownCode = false;    // set by the operator (ktk-admin office set-code)
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
    // Counted up by every change of its applications (migration 0027_stamps);
    // read by the session lookup only, for the home page's kept list.
    std::uint64_t applicationsVersion = 0;
};

struct Inserted {
    db::Insert outcome = db::Insert::Added;
    std::uint64_t id = 0;  // the new row, or the one that already holds the name / tax number
};

std::optional<Office> findOffice(db::Tx& tx, std::uint64_t id);
std::vector<Office> listOffices(db::Tx& tx);
// The office's own code for its contract numbers ("JH13-02"); a code
// another office has is a Duplicate.
db::Insert setOfficeCode(db::Tx& tx, std::uint64_t officeId, const std::string& code);
// Whether `code` is one: 1–16 of A–Z, 0–9 and "-", not starting with "-".
bool validOfficeCode(const std::string& code);
// A second office of the same name is a Duplicate (names are unique).
Inserted addOffice(db::Tx& tx, const std::string& name, const std::string& countyCode);

std::optional<Municipality> findMunicipality(db::Tx& tx, const std::string& taxNumber);
// All municipalities, or those of one office; by name.
std::vector<Municipality> listMunicipalities(db::Tx& tx, std::optional<std::uint64_t> officeId);
// A tax number already registered is a Duplicate (tax numbers are unique).
Inserted addMunicipality(db::Tx& tx, const std::string& name, const std::string& taxNumber, std::uint64_t officeId);
// The municipality, with its linked contacts, now belongs to `officeId`.
void moveMunicipality(db::Tx& tx, std::uint64_t municipalityId, std::uint64_t officeId);

}  // namespace ktk::repo
