#include "domain/tax_number.h"

#include <strings.h>

#include "domain/email.h"

namespace ktk::domain {

namespace {
bool allDigits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}
}  // namespace

int taxCheckDigit(std::string_view firstSeven) {
    static const int weights[7] = {9, 7, 3, 1, 9, 7, 3};
    int sum = 0;
    for (int i = 0; i < 7; ++i) sum += (firstSeven[i] - '0') * weights[i];
    return (10 - sum % 10) % 10;
}

const std::vector<County>& counties() {
    // Codes 02–20 are the county tax directorates, 41–44 and 51 those of
    // Budapest and the national ones; 22–40 are older Budapest codes that
    // long-standing tax numbers still carry.
    static const std::vector<County> list = {
        {"02", "Baranya"},          {"03", "Bács-Kiskun"},       {"04", "Békés"},
        {"05", "Borsod-Abaúj-Zemplén"}, {"06", "Csongrád-Csanád"}, {"07", "Fejér"},
        {"08", "Győr-Moson-Sopron"}, {"09", "Hajdú-Bihar"},       {"10", "Heves"},
        {"11", "Komárom-Esztergom"}, {"12", "Nógrád"},            {"13", "Pest"},
        {"14", "Somogy"},           {"15", "Szabolcs-Szatmár-Bereg"}, {"16", "Jász-Nagykun-Szolnok"},
        {"17", "Tolna"},            {"18", "Vas"},               {"19", "Veszprém"},
        {"20", "Zala"},             {"41", "Budapest"},
    };
    return list;
}

bool isTerritorialCode(std::string_view cc) {
    if (cc.size() != 2 || !allDigits(cc)) return false;
    int n = (cc[0] - '0') * 10 + (cc[1] - '0');
    return (n >= 2 && n <= 20) || (n >= 22 && n <= 44) || n == 51;
}

std::optional<County> findCounty(std::string_view nameOrCode) {
    std::string wanted = trimmed(nameOrCode);
    for (const auto& c : counties())
        if (wanted == c.code || strcasecmp(wanted.c_str(), c.name) == 0) return c;
    return std::nullopt;
}

std::optional<County> countyOfTaxNumber(std::string_view canonical) {
    if (canonical.size() < 2) return std::nullopt;
    std::string_view cc = canonical.substr(canonical.size() - 2);
    if (!isTerritorialCode(cc)) return std::nullopt;
    int n = (cc[0] - '0') * 10 + (cc[1] - '0');
    if (n >= 22 && n <= 44) return findCounty("41");
    return findCounty(cc);
}

bool taxNumberInCounty(std::string_view canonical, std::string_view officeCountyCode) {
    std::optional<County> county = countyOfTaxNumber(canonical);
    return county && officeCountyCode == county->code;
}

TaxNumberResult parseTaxNumber(std::string_view input) {
    std::string s = trimmed(input);
    if (s.empty()) return {TaxNumberError::Empty, {}};
    std::string digits;
    if (s.size() == 13 && s[8] == '-' && s[10] == '-') digits = s.substr(0, 8) + s.substr(9, 1) + s.substr(11, 2);
    else if (s.size() == 11) digits = s;
    if (digits.size() != 11 || !allDigits(digits)) return {TaxNumberError::Format, {}};
    if (taxCheckDigit(digits) != digits[7] - '0') return {TaxNumberError::CheckDigit, {}};
    if (digits[8] < '1' || digits[8] > '5') return {TaxNumberError::VatCode, {}};
    if (!isTerritorialCode(digits.substr(9, 2))) return {TaxNumberError::CountyCode, {}};
    return {TaxNumberError::None, digits.substr(0, 8) + "-" + digits[8] + "-" + digits.substr(9, 2)};
}

const char* messageKey(TaxNumberError error) {
    switch (error) {
        case TaxNumberError::None: return "";
        case TaxNumberError::Empty: return "tax_number.empty";
        case TaxNumberError::Format: return "tax_number.format";
        case TaxNumberError::CheckDigit: return "tax_number.check_digit";
        case TaxNumberError::VatCode: return "tax_number.vat_code";
        case TaxNumberError::CountyCode: return "tax_number.county_code";
    }
    return "tax_number.format";
}

}  // namespace ktk::domain
