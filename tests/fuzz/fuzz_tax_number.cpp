// Hungarian tax numbers and counties (domain/tax_number.h), as an office
// clerk types them. Input: the number, then a county name or code
// (separated by the scissors line, tests/fuzz/fuzz_support.h).
#include <string>

#include "domain/tax_number.h"
#include "fuzz_support.h"

namespace {
bool digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ktk::domain;
    auto in = ktk::fuzz::fields(data, size, 2);
    std::string_view input = in[0], county = in[1];

    TaxNumberResult r = parseTaxNumber(input);
    if (r.ok()) {
        const std::string& c = r.canonical;
        // NNNNNNNN-V-CC with a matching check digit and a valid V and CC.
        FUZZ_CHECK(c.size() == 13 && c[8] == '-' && c[10] == '-');
        FUZZ_CHECK(digits(c.substr(0, 8)) && digits(c.substr(9, 1)) && digits(c.substr(11, 2)));
        FUZZ_CHECK(taxCheckDigit(c) == c[7] - '0');
        FUZZ_CHECK(c[9] >= '1' && c[9] <= '5');
        FUZZ_CHECK(isTerritorialCode(c.substr(11, 2)));
        // The canonical form, and the same without hyphens, parse to itself.
        TaxNumberResult again = parseTaxNumber(c);
        FUZZ_CHECK(again.ok() && again.canonical == c);
        TaxNumberResult bare = parseTaxNumber(c.substr(0, 8) + c.substr(9, 1) + c.substr(11, 2));
        FUZZ_CHECK(bare.ok() && bare.canonical == c);
        // Every territorial code but the national one belongs to a county.
        std::optional<County> home = countyOfTaxNumber(c);
        FUZZ_CHECK(home.has_value() == (c.substr(11, 2) != "51"));
        if (home) FUZZ_CHECK(taxNumberInCounty(c, home->code));
    } else {
        FUZZ_CHECK(r.canonical.empty() && *messageKey(r.error) != '\0');
    }

    std::optional<County> found = findCounty(county);
    if (found) {
        std::optional<County> byCode = findCounty(found->code);
        std::optional<County> byName = findCounty(found->name);
        FUZZ_CHECK(byCode && std::string_view(byCode->code) == found->code);
        FUZZ_CHECK(byName && std::string_view(byName->code) == found->code);
        FUZZ_CHECK(isTerritorialCode(found->code));
    }
    (void)countyOfTaxNumber(input);
    (void)taxNumberInCounty(input, county);
    return 0;
}
