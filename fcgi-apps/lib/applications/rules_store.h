// The rules' tables (programme_types, yearly_rates; 0011_applications.sql)
// as the forms read them and `ktk-admin programme|rates` keeps them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "applications/rules.h"
#include "db/database.h"
#include "util/json.h"

namespace ktk::applications {

struct ProgrammeRow {
    ProgrammeRules rules;
    std::string legalSource;
};

struct RatesRow {
    YearRates rates;
    std::string legalSource;
    std::string unconfirmed;  // what no public source confirmed ("" when everything is)
    std::string updatedAt;    // "YYYY-MM-DD HH:MM:SS" UTC
};

// In code order; `activeOnly` for the choices of a new version.
std::vector<ProgrammeRow> listProgrammes(db::Tx& tx, bool activeOnly);
std::optional<ProgrammeRow> findProgramme(db::Tx& tx, const std::string& code);
// Inserts or replaces the row of `row.rules.code`.
void saveProgramme(db::Tx& tx, const ProgrammeRow& row);

std::vector<RatesRow> listRates(db::Tx& tx);
std::optional<RatesRow> findRates(db::Tx& tx, int year);
// Inserts or replaces the row of `row.rates.year`, stamped `now`.
void saveRates(db::Tx& tx, const RatesRow& row, std::int64_t now);

// What a row holds, for the audit log's before and after.
util::Json toJson(const ProgrammeRow& row);
util::Json toJson(const RatesRow& row);

// The first thing wrong with a row the operator wants to store, in
// English for the command line ("" when it is sound): the ranges the
// table's checks enforce, said before the database refuses them.
std::string problemWith(const ProgrammeRow& row);
std::string problemWith(const RatesRow& row);

}  // namespace ktk::applications
