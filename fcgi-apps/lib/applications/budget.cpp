#include "applications/budget.h"

namespace ktk::applications {

const std::array<const char*, kWageCategories> kHeadcountFields = {
    "headcount_basic", "headcount_skilled", "headcount_leaders", "headcount_leaders_skilled"};

namespace {

// a / b rounded half up, for a ≥ 0 and b > 0.
std::int64_t divideHalfUp(std::int64_t a, std::int64_t b) { return (2 * a + b) / (2 * b); }

}  // namespace

std::int64_t monthWage(std::int64_t monthlyWage, int dailyHours, int coveredDays, int daysInMonth) {
    return divideHalfUp(monthlyWage * dailyHours * coveredDays,
                        static_cast<std::int64_t>(kFullTimeHours) * daysInMonth);
}

bool periodWithin(const domain::CalendarDate& start, const domain::CalendarDate& end, int maxMonths) {
    return !(end < start) && !(domain::previousDay(domain::addMonths(start, maxMonths)) < end);
}

std::optional<WageCategory> missingRate(const BudgetInput& in, const YearRates& rates) {
    for (std::size_t c = 0; c < kWageCategories; ++c)
        if (in.headcount[c] != 0 && !rates.monthlyWage[c]) return static_cast<WageCategory>(c);
    return std::nullopt;
}

Budget computeBudget(const BudgetInput& in, const ProgrammeRules& rules, const YearRates& rates) {
    Budget b;
    // Month by month: the days of each calendar month inside the period.
    domain::CalendarDate cursor = in.start;
    while (!(in.end < cursor)) {
        const int monthDays = domain::daysInMonth(cursor.year, cursor.month);
        const int lastDay = in.end.year == cursor.year && in.end.month == cursor.month ? in.end.day : monthDays;
        const int covered = lastDay - cursor.day + 1;
        for (std::size_t c = 0; c < kWageCategories; ++c)
            if (in.headcount[c] != 0)
                b.wage[c] += in.headcount[c] * monthWage(*rates.monthlyWage[c], in.dailyHours, covered, monthDays);
        cursor = domain::addMonths({cursor.year, cursor.month, 1}, 1);
    }
    for (std::int64_t w : b.wage) b.wageTotal += w;
    b.contribution = divideHalfUp(b.wageTotal * rates.contributionBasisPoints, 10000);
    // Support never exceeds its percentage: rounded down.
    b.wageSupport = (b.wageTotal + b.contribution) * in.wageSupportPct / 100;
    b.materialSupportCap = b.wageSupport * rules.materialSharePct / 100;
    for (std::int64_t item : in.materialItems) b.materialCosts += item;
    b.materialSupport = in.materialSupport;
    b.totalSupport = b.wageSupport + b.materialSupport;
    b.ownShare = b.wageTotal + b.contribution + b.materialCosts - b.totalSupport;
    return b;
}

}  // namespace ktk::applications
