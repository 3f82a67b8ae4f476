// Hungarian tax numbers (adószám) of municipalities: NNNNNNNN-V-CC.
// The 8th digit checks the first seven (weights 9,7,3,1,9,7,3; check =
// (10 − sum mod 10) mod 10), V is the VAT code 1–5, CC the territorial
// code of the tax authority. Accepted with or without hyphens; stored and
// shown in the one canonical hyphenated form.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ktk::domain {

enum class TaxNumberError {
    None,
    Empty,
    Format,      // not 11 digits, with or without the two hyphens
    CheckDigit,  // the 8th digit does not match
    VatCode,     // V outside 1–5
    CountyCode,  // CC is not a territorial code
};

struct TaxNumberResult {
    TaxNumberError error = TaxNumberError::None;
    std::string canonical;  // NNNNNNNN-V-CC when error is None
    bool ok() const { return error == TaxNumberError::None; }
};

TaxNumberResult parseTaxNumber(std::string_view input);

// The message key for a failure, e.g. "tax_number.check_digit".
const char* messageKey(TaxNumberError error);

// The check digit for the first seven digits of a base number.
int taxCheckDigit(std::string_view firstSeven);

struct County {
    const char* code;  // the tax number's CC
    const char* name;  // Hungarian name, as `ktk-admin office add --county` takes it
};

// The counties and Budapest, in code order.
const std::vector<County>& counties();
// By Hungarian name (case-insensitive, accents must match) or by code.
std::optional<County> findCounty(std::string_view nameOrCode);
bool isTerritorialCode(std::string_view cc);

// The county (its code in counties(): "02"–"20", or "41" for Budapest) a
// canonical tax number's territorial code belongs to: 02–20 to that
// county, 22–44 to Budapest. nullopt for a national code (51), which
// belongs to no county.
std::optional<County> countyOfTaxNumber(std::string_view canonical);
// True when the municipality with this canonical tax number lies in the
// county of an office whose county_code is `officeCountyCode`: a district
// office takes in only municipalities of its own county.
bool taxNumberInCounty(std::string_view canonical, std::string_view officeCountyCode);

}  // namespace ktk::domain
