#include "applications/rules_check.h"

namespace ktk::applications {

Rules rulesFor(db::Tx& tx, const ApplicationFields& f) {
    Rules r;
    if (!f.programmeType.empty()) r.programme = findProgramme(tx, f.programmeType);
    if (f.start) r.rates = findRates(tx, f.start->year);
    return r;
}

std::optional<Budget> budgetOf(const ApplicationFields& f, const Rules& rules) {
    std::optional<BudgetInput> in = budgetInput(f);
    if (!in || !rules.programme || !rules.rates || missingRate(*in, rules.rates->rates)) return std::nullopt;
    return computeBudget(*in, rules.programme->rules, rules.rates->rates);
}

domain::FormErrors missingForSubmission(const ApplicationFields& f, const Rules& rules) {
    return checkForSubmission(f, rules.programme ? &rules.programme->rules : nullptr,
                              rules.rates ? &rules.rates->rates : nullptr);
}

std::vector<ProgrammeRules> choices(db::Tx& tx, const ApplicationFields* current) {
    std::vector<ProgrammeRules> rules;
    for (ProgrammeRow& row : listProgrammes(tx, true)) rules.push_back(std::move(row.rules));
    // A type no longer offered stays valid for the application that has it.
    if (current && !current->programmeType.empty())
        if (std::optional<ProgrammeRow> own = findProgramme(tx, current->programmeType); own && !own->rules.active)
            rules.push_back(own->rules);
    return rules;
}

}  // namespace ktk::applications
