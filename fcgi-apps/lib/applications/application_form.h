// An application's fields as the form sends them (SPEC §7), checked into
// values. Saving a draft takes any subset of the fields, but every field
// that is filled in must be valid: a negative headcount, 31 February or a
// forged programme type is refused whole, nothing stored. Submission
// needs every field and the programme's rules (checkForSubmission).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "applications/budget.h"
#include "applications/rules.h"
#include "domain/calendar_date.h"
#include "domain/form_errors.h"

namespace ktk::applications {

// Ceilings that keep every sum far inside 64 bits and catch typing errors.
constexpr std::size_t kTitleMaxChars = 200;
constexpr std::size_t kLongTextMaxChars = 4000;  // public task, places of work
constexpr std::size_t kItemNameMaxChars = 200;
constexpr std::size_t kMaterialItemsMax = 30;
constexpr std::int64_t kHeadcountMax = 10000;             // per category
constexpr std::int64_t kAmountMax = 10'000'000'000;       // forints, any one amount

// The form as it came, one string per field; the material items as the
// repeated `material_item_name` / `material_item_amount` pairs.
struct ApplicationForm {
    std::string title, programmeType, publicTask, workLocations;
    std::string startDate, endDate, dailyHours;
    std::array<std::string, kWageCategories> headcount;
    std::vector<std::string> itemNames, itemAmounts;
    std::string wageSupportPct, materialSupport;
};

struct MaterialItem {
    std::string name;
    std::int64_t amount = 0;
};

// What a version of an application holds; an empty optional (or string)
// is a field not filled in yet.
struct ApplicationFields {
    std::string title, programmeType, publicTask, workLocations;
    std::optional<domain::CalendarDate> start, end;
    std::optional<int> dailyHours;
    std::array<std::optional<std::int64_t>, kWageCategories> headcount;
    std::vector<MaterialItem> materialItems;
    std::optional<int> wageSupportPct;
    std::optional<std::int64_t> materialSupport;
};

struct CheckedForm {
    ApplicationFields fields;   // meaningful only when errors is empty
    domain::FormErrors errors;  // keyed by the form's field names
};

// Line `i` of the material costs as sent has neither a name nor an amount
// (spaces alone count as nothing): it is left out when saved.
bool blankItemLine(const ApplicationForm& form, std::size_t i);

// Every filled-in field well-formed; `programmeCodes` are the types a new
// version may name (an unknown one is a forged field). Rules that join
// fields (the period's length, the percentage's cap) are checked when
// their fields are there, so a draft never holds what submission refuses
// for anything but a missing field.
CheckedForm checkForm(const ApplicationForm& form, const std::vector<ProgrammeRules>& programmes);

// The same fields back as the form shows them, for editing.
ApplicationForm toForm(const ApplicationFields& fields);

// What submission needs besides checkForm: every field, at least one
// worker, the programme type's rules (`rules` nullptr when the type is
// missing or unknown: every other field is still checked), rates for the
// start's year (`rates` nullptr when there are none), and the material
// support within its share and the costs.
domain::FormErrors checkForSubmission(const ApplicationFields& fields, const ProgrammeRules* rules,
                                      const YearRates* rates);

// The budget when the fields are complete enough to compute one (dates,
// hours, programme and rates); nullopt otherwise.
std::optional<BudgetInput> budgetInput(const ApplicationFields& fields);

}  // namespace ktk::applications
