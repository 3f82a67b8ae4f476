// The budget of an application, computed by the server from its fields
// and the rules (README, "The budget and its rounding"). Whole forints in
// 64-bit integers throughout; each rounding is named where it happens.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "applications/rules.h"
#include "domain/calendar_date.h"

namespace ktk::applications {

struct BudgetInput {
    domain::CalendarDate start;
    domain::CalendarDate end;  // inclusive, not before start
    int dailyHours = 8;
    std::array<std::int64_t, kWageCategories> headcount{};
    std::vector<std::int64_t> materialItems;  // amounts of the line items
    int wageSupportPct = 0;
    std::int64_t materialSupport = 0;         // requested
};

struct Budget {
    std::array<std::int64_t, kWageCategories> wage{};  // each category, whole period
    std::int64_t wageTotal = 0;
    std::int64_t contribution = 0;        // social contribution tax on wageTotal
    std::int64_t wageSupport = 0;         // requested: pct of wageTotal + contribution
    std::int64_t materialCosts = 0;       // the line items together
    std::int64_t materialSupportCap = 0;  // materialSharePct of wageSupport
    std::int64_t materialSupport = 0;     // requested
    std::int64_t totalSupport = 0;        // wageSupport + materialSupport
    std::int64_t ownShare = 0;            // all costs less totalSupport
};

// One person's wage for the part of one calendar month in the period:
// monthlyWage × dailyHours / 8 × coveredDays / daysInMonth, rounded half
// up to whole forints.
std::int64_t monthWage(std::int64_t monthlyWage, int dailyHours, int coveredDays, int daysInMonth);

// The first category with workers whose wage `rates` does not have, if
// any: no budget can be computed until the operator sets it.
std::optional<WageCategory> missingRate(const BudgetInput& input, const YearRates& rates);

// The budget; `rates` is the year of the period's start and has the wage
// of every category with workers (missingRate).
Budget computeBudget(const BudgetInput& input, const ProgrammeRules& rules, const YearRates& rates);

// Whether end is not before start and the period lasts at most
// `maxMonths` calendar months: it ends on start + maxMonths months − 1 day
// at the latest (1 March to the last day of February for 12 months).
bool periodWithin(const domain::CalendarDate& start, const domain::CalendarDate& end, int maxMonths);

}  // namespace ktk::applications
