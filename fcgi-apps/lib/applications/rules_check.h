// An application's fields measured against the rules in the tables: the
// programme type's limits and the year's rates. Shared by the
// municipality's side and the office's, so a proposal is checked by the
// same rules as a submission.
#pragma once

#include <optional>
#include <vector>

#include "applications/application_form.h"
#include "applications/budget.h"
#include "applications/rules_store.h"
#include "db/fwd.h"
#include "domain/form_errors.h"

namespace ktk::applications {

struct Rules {
    std::optional<ProgrammeRow> programme;
    std::optional<RatesRow> rates;
};

// The programme type's row and the rates of the start date's year.
Rules rulesFor(db::Tx& tx, const ApplicationFields& f);

// The budget the fields give with these rules, when they give one.
std::optional<Budget> budgetOf(const ApplicationFields& f, const Rules& rules);

// What submission would refuse: every missing field, even before a
// programme type is chosen.
domain::FormErrors missingForSubmission(const ApplicationFields& f, const Rules& rules);

// The programme types a new version may choose: the active ones, and the
// one `current` has even when it is no longer offered.
std::vector<ProgrammeRules> choices(db::Tx& tx, const ApplicationFields* current = nullptr);

}  // namespace ktk::applications
