// The rules an application is measured against, as data: each programme
// type's limits (table `programme_types`) and each year's published
// rates (table `yearly_rates`). Maintained with `ktk-admin programme …`
// and `ktk-admin rates set`; the figures shipped, with their legal
// sources, are in sql/migrations and the README ("Subsidy rules").
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace ktk::applications {

// The four wage categories of Government Decree 170/2011. (VIII. 24.), in
// the order of the form's headcount fields.
enum class WageCategory {
    Basic,          // közfoglalkoztatási bér
    Skilled,        // közfoglalkoztatási garantált bér (work that needs a qualification)
    Leader,         // munkavezető, in the basic category
    LeaderSkilled,  // munkavezető, in the guaranteed category
};
constexpr std::size_t kWageCategories = 4;
// The form field of each category's headcount, in enum order.
extern const std::array<const char*, kWageCategories> kHeadcountFields;

// Full-time daily working hours, the base of the published monthly wages
// (Mt. 92. § (1): 8 hours a day); part time is paid pro rata.
constexpr int kFullTimeHours = 8;

struct ProgrammeRules {
    std::string code;               // "long_term", "special", …
    int minDailyHours = 4;
    int maxDailyHours = 8;
    int maxMonths = 12;             // the longest subsidy period
    int maxWageSupportPct = 100;    // of the wages and their contribution tax
    int materialSharePct = 20;      // material support, of the wage support
    bool active = true;             // new applications may choose it
    std::string nameHu, nameEn;     // as the form's list shows it
};

struct YearRates {
    int year = 0;
    // Full-time monthly wage of each category, in forints; nullopt where no
    // public source confirms it (the operator sets it with ktk-admin).
    std::array<std::optional<std::int64_t>, kWageCategories> monthlyWage{};
    // Social contribution tax in hundredths of a per cent (13 % = 1300).
    int contributionBasisPoints = 0;
};

}  // namespace ktk::applications
