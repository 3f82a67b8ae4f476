#include "applications/application_form.h"

#include <algorithm>

#include "domain/free_text.h"

namespace ktk::applications {

namespace {

enum class NumberCheck { Empty, Ok, Invalid, Negative, TooLarge };

struct CheckedNumber {
    NumberCheck check;
    std::int64_t value = 0;
};

// A whole number as people type it: digits, optionally grouped by single
// spaces ("1 200 000", also no-break and narrow no-break spaces).
CheckedNumber parseWhole(const std::string& raw, std::int64_t max) {
    std::string text = raw;
    for (const char* space : {"\xC2\xA0", "\xE2\x80\xAF"})
        for (std::size_t at; (at = text.find(space)) != std::string::npos;) text.replace(at, std::string(space).size(), " ");
    const std::size_t first = text.find_first_not_of(' '), last = text.find_last_not_of(' ');
    if (first == std::string::npos) return {NumberCheck::Empty};
    text = text.substr(first, last - first + 1);
    bool negative = false;
    if (text[0] == '-') {
        negative = true;
        text.erase(0, 1);
    }
    std::int64_t value = 0;
    int digits = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' && i > 0 && text[i - 1] != ' ' && i + 1 < text.size()) continue;
        if (c < '0' || c > '9') return {NumberCheck::Invalid};
        if (++digits > 15) return {negative ? NumberCheck::Negative : NumberCheck::TooLarge};
        value = value * 10 + (c - '0');
    }
    if (digits == 0) return {NumberCheck::Invalid};
    if (negative && value != 0) return {NumberCheck::Negative};
    if (value > max) return {NumberCheck::TooLarge};
    return {NumberCheck::Ok, value};
}

std::string grouped(std::int64_t value) {
    std::string digits = std::to_string(value), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
        out += digits[i];
    }
    return out;
}

// A number field: its value when Ok, a field error otherwise.
std::optional<std::int64_t> number(const std::string& raw, const char* field, std::int64_t max,
                                   domain::FormErrors& errors) {
    const CheckedNumber n = parseWhole(raw, max);
    switch (n.check) {
        case NumberCheck::Empty: return std::nullopt;
        case NumberCheck::Ok: return n.value;
        case NumberCheck::Invalid: errors.add(field, "validation.number.invalid"); break;
        case NumberCheck::Negative: errors.add(field, "validation.number.negative"); break;
        case NumberCheck::TooLarge: errors.add(field, "validation.number.too_large", grouped(max)); break;
    }
    return std::nullopt;
}

std::string text(const std::string& raw, const char* field, std::size_t maxChars, domain::Lines lines,
                 domain::FormErrors& errors) {
    const domain::CheckedText t = domain::checkFreeText(raw, maxChars, lines);
    if (t.check == domain::TextCheck::Ok) return t.value;
    if (t.check != domain::TextCheck::Missing)
        errors.add(field, domain::messageKey(t.check), std::to_string(maxChars));
    return {};
}

std::optional<domain::CalendarDate> date(const std::string& raw, const char* field, domain::FormErrors& errors) {
    const std::size_t first = raw.find_first_not_of(' '), last = raw.find_last_not_of(' ');
    if (first == std::string::npos) return std::nullopt;
    std::optional<domain::CalendarDate> d = domain::parseIsoDate(std::string_view(raw).substr(first, last - first + 1));
    if (!d) errors.add(field, "validation.date.invalid");
    return d;
}

const ProgrammeRules* findRules(const std::vector<ProgrammeRules>& programmes, const std::string& code) {
    for (const ProgrammeRules& p : programmes)
        if (p.code == code) return &p;
    return nullptr;
}

// The rules that join fields, for whatever of them is filled in.
void checkJoined(const ApplicationFields& f, const ProgrammeRules* rules, domain::FormErrors& errors) {
    if (f.start && f.end) {
        if (*f.end < *f.start)
            errors.add("end_date", "applications.error.end_before_start");
        else if (rules && !periodWithin(*f.start, *f.end, rules->maxMonths))
            errors.add("end_date", "applications.error.period_too_long", std::to_string(rules->maxMonths));
    }
    if (!rules) return;
    if (f.dailyHours && (*f.dailyHours < rules->minDailyHours || *f.dailyHours > rules->maxDailyHours))
        errors.add("daily_hours", "applications.error.hours_range",
                   rules->minDailyHours == rules->maxDailyHours
                       ? std::to_string(rules->minDailyHours)
                       : std::to_string(rules->minDailyHours) + "–" + std::to_string(rules->maxDailyHours));
    if (f.wageSupportPct && *f.wageSupportPct > rules->maxWageSupportPct)
        errors.add("wage_support_pct", "applications.error.pct_over_cap", std::to_string(rules->maxWageSupportPct));
}

}  // namespace

bool blankItemLine(const ApplicationForm& form, std::size_t i) {
    const std::string name = i < form.itemNames.size() ? form.itemNames[i] : "";
    const std::string amount = i < form.itemAmounts.size() ? form.itemAmounts[i] : "";
    return domain::checkFreeText(name, kItemNameMaxChars, domain::Lines::One).check == domain::TextCheck::Missing &&
           parseWhole(amount, kAmountMax).check == NumberCheck::Empty;
}

CheckedForm checkForm(const ApplicationForm& form, const std::vector<ProgrammeRules>& programmes) {
    CheckedForm out;
    ApplicationFields& f = out.fields;
    domain::FormErrors& errors = out.errors;
    f.title = text(form.title, "title", kTitleMaxChars, domain::Lines::One, errors);
    const std::string code = text(form.programmeType, "programme_type", 40, domain::Lines::One, errors);
    const ProgrammeRules* rules = code.empty() ? nullptr : findRules(programmes, code);
    if (!code.empty() && !rules)
        errors.add("programme_type", "applications.error.programme_unknown");
    else
        f.programmeType = code;
    f.publicTask = text(form.publicTask, "public_task", kLongTextMaxChars, domain::Lines::Many, errors);
    f.workLocations = text(form.workLocations, "work_locations", kLongTextMaxChars, domain::Lines::Many, errors);
    f.start = date(form.startDate, "start_date", errors);
    f.end = date(form.endDate, "end_date", errors);
    if (auto h = number(form.dailyHours, "daily_hours", 24, errors)) f.dailyHours = static_cast<int>(*h);
    for (std::size_t c = 0; c < kWageCategories; ++c)
        f.headcount[c] = number(form.headcount[c], kHeadcountFields[c], kHeadcountMax, errors);

    const std::size_t lines = std::max(form.itemNames.size(), form.itemAmounts.size());
    for (std::size_t i = 0; i < lines; ++i) {
        if (blankItemLine(form, i)) continue;
        const std::string rawName = i < form.itemNames.size() ? form.itemNames[i] : "";
        const std::string rawAmount = i < form.itemAmounts.size() ? form.itemAmounts[i] : "";
        const std::string line = std::to_string(i + 1);
        const domain::CheckedText name = domain::checkFreeText(rawName, kItemNameMaxChars, domain::Lines::One);
        const CheckedNumber amount = parseWhole(rawAmount, kAmountMax);
        if (name.check != domain::TextCheck::Ok) errors.add("material_item_name", "applications.error.item_name", line);
        if (amount.check != NumberCheck::Ok)
            errors.add("material_item_amount", "applications.error.item_amount", line);
        f.materialItems.push_back({name.value, amount.value});
    }
    if (f.materialItems.size() > kMaterialItemsMax)
        errors.add("material_item_name", "applications.error.too_many_items", std::to_string(kMaterialItemsMax));

    if (auto pct = number(form.wageSupportPct, "wage_support_pct", 100, errors)) f.wageSupportPct = static_cast<int>(*pct);
    f.materialSupport = number(form.materialSupport, "material_support", kAmountMax, errors);
    checkJoined(f, rules, errors);
    return out;
}

ApplicationForm toForm(const ApplicationFields& f) {
    ApplicationForm form;
    form.title = f.title;
    form.programmeType = f.programmeType;
    form.publicTask = f.publicTask;
    form.workLocations = f.workLocations;
    if (f.start) form.startDate = domain::isoDate(*f.start);
    if (f.end) form.endDate = domain::isoDate(*f.end);
    if (f.dailyHours) form.dailyHours = std::to_string(*f.dailyHours);
    for (std::size_t c = 0; c < kWageCategories; ++c)
        if (f.headcount[c]) form.headcount[c] = std::to_string(*f.headcount[c]);
    for (const MaterialItem& item : f.materialItems) {
        form.itemNames.push_back(item.name);
        form.itemAmounts.push_back(std::to_string(item.amount));
    }
    if (f.wageSupportPct) form.wageSupportPct = std::to_string(*f.wageSupportPct);
    if (f.materialSupport) form.materialSupport = std::to_string(*f.materialSupport);
    return form;
}

std::optional<BudgetInput> budgetInput(const ApplicationFields& f) {
    if (!f.start || !f.end || *f.end < *f.start || !f.dailyHours) return std::nullopt;
    BudgetInput in;
    in.start = *f.start;
    in.end = *f.end;
    in.dailyHours = *f.dailyHours;
    for (std::size_t c = 0; c < kWageCategories; ++c) in.headcount[c] = f.headcount[c].value_or(0);
    for (const MaterialItem& item : f.materialItems) in.materialItems.push_back(item.amount);
    in.wageSupportPct = f.wageSupportPct.value_or(0);
    in.materialSupport = f.materialSupport.value_or(0);
    return in;
}

domain::FormErrors checkForSubmission(const ApplicationFields& f, const ProgrammeRules* rules, const YearRates* rates) {
    domain::FormErrors errors;
    const auto require = [&](bool present, const char* field) {
        if (!present) errors.add(field, "validation.required");
    };
    require(!f.title.empty(), "title");
    require(!f.programmeType.empty(), "programme_type");
    require(!f.publicTask.empty(), "public_task");
    require(!f.workLocations.empty(), "work_locations");
    require(f.start.has_value(), "start_date");
    require(f.end.has_value(), "end_date");
    require(f.dailyHours.has_value(), "daily_hours");
    require(f.wageSupportPct.has_value(), "wage_support_pct");
    require(f.materialSupport.has_value(), "material_support");
    std::int64_t workers = 0;
    for (const auto& h : f.headcount) workers += h.value_or(0);
    if (workers == 0) errors.add(kHeadcountFields[0], "applications.error.no_workers");
    if (!rules && !f.programmeType.empty()) errors.add("programme_type", "applications.error.programme_unknown");
    checkJoined(f, rules, errors);
    if (f.start && !rates) errors.add("start_date", "applications.error.no_rates", std::to_string(f.start->year));
    if (!errors.empty() || !rules || !rates) return errors;

    const BudgetInput input = *budgetInput(f);
    if (std::optional<WageCategory> missing = missingRate(input, *rates)) {
        errors.add(kHeadcountFields[static_cast<std::size_t>(*missing)], "applications.error.no_rate_for_category",
                   std::to_string(rates->year));
        return errors;
    }
    const Budget budget = computeBudget(input, *rules, *rates);
    if (budget.materialSupport > budget.materialSupportCap)
        errors.add("material_support", "applications.error.material_over_cap", grouped(budget.materialSupportCap));
    else if (budget.materialSupport > budget.materialCosts)
        errors.add("material_support", "applications.error.material_over_costs", grouped(budget.materialCosts));
    return errors;
}

}  // namespace ktk::applications
