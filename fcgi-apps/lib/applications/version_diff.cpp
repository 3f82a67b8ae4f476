#include "applications/version_diff.h"

#include <algorithm>

#include "applications/summary_view.h"
#include "applications/timeline_view.h"
#include "util/clock.h"
#include "util/hungarian_time.h"
#include "view/views.h"

namespace ktk::applications {

namespace {

DiffValue text(const std::string& s) { return {!s.empty(), s, 0}; }

template <class T>
DiffValue number(const std::optional<T>& n) {
    return n ? DiffValue{true, "", static_cast<std::int64_t>(*n)} : DiffValue{};
}

DiffValue date(const std::optional<domain::CalendarDate>& d) {
    return d ? DiffValue{true, domain::isoDate(*d), 0} : DiffValue{};
}

DiffValue item(const std::vector<MaterialItem>& items, std::size_t i) {
    return i < items.size() ? DiffValue{true, items[i].name, items[i].amount} : DiffValue{};
}

DiffRow row(std::string id, std::string labelKey, DiffFormat format, DiffValue a, DiffValue b) {
    DiffRow r;
    r.id = std::move(id);
    r.labelKey = std::move(labelKey);
    r.format = format;
    r.changed = a != b;
    r.a = std::move(a);
    r.b = std::move(b);
    return r;
}

constexpr const char* kHeadcountLabels[kWageCategories] = {
    "applications.field.headcount_basic", "applications.field.headcount_skilled",
    "applications.field.headcount_leaders", "applications.field.headcount_leaders_skilled"};

std::vector<DiffRow> fieldRows(const ApplicationFields& a, const ApplicationFields& b) {
    using F = DiffFormat;
    std::vector<DiffRow> rows;
    rows.push_back(row("title", "applications.field.title", F::Text, text(a.title), text(b.title)));
    rows.push_back(row("programme_type", "applications.field.programme_type", F::Programme, text(a.programmeType),
                       text(b.programmeType)));
    rows.push_back(row("public_task", "applications.field.public_task", F::LongText, text(a.publicTask),
                       text(b.publicTask)));
    rows.push_back(row("work_locations", "applications.field.work_locations", F::LongText, text(a.workLocations),
                       text(b.workLocations)));
    rows.push_back(row("start_date", "applications.field.start_date", F::Date, date(a.start), date(b.start)));
    rows.push_back(row("end_date", "applications.field.end_date", F::Date, date(a.end), date(b.end)));
    rows.push_back(row("daily_hours", "applications.field.daily_hours", F::Number, number(a.dailyHours),
                       number(b.dailyHours)));
    for (std::size_t c = 0; c < kWageCategories; ++c)
        rows.push_back(row(kHeadcountFields[c], kHeadcountLabels[c], F::Number, number(a.headcount[c]),
                           number(b.headcount[c])));
    // Line by line: a line that only one side has is added or removed.
    const std::size_t lines = std::max(a.materialItems.size(), b.materialItems.size());
    for (std::size_t i = 0; i < lines; ++i) {
        DiffRow r = row("material_item-" + std::to_string(i + 1), "applications.materials.heading", F::Item,
                        item(a.materialItems, i), item(b.materialItems, i));
        r.line = static_cast<unsigned>(i + 1);
        rows.push_back(std::move(r));
    }
    rows.push_back(row("wage_support_pct", "applications.field.wage_support_pct", F::Percent,
                       number(a.wageSupportPct), number(b.wageSupportPct)));
    rows.push_back(row("material_support", "applications.field.material_support", F::Forints,
                       number(a.materialSupport), number(b.materialSupport)));
    return rows;
}

std::vector<DiffRow> budgetRows(const std::optional<Budget>& a, const std::optional<Budget>& b) {
    const auto figure = [](const std::optional<Budget>& budget, std::int64_t value) {
        return budget ? DiffValue{true, "", value} : DiffValue{};
    };
    constexpr const char* kWageIds[kWageCategories] = {"budget-wage-basic", "budget-wage-skilled",
                                                       "budget-wage-leaders", "budget-wage-leaders-skilled"};
    std::vector<DiffRow> rows;
    for (std::size_t c = 0; c < kWageCategories; ++c) {
        DiffRow r = row(kWageIds[c], kHeadcountLabels[c], DiffFormat::Forints, figure(a, a ? a->wage[c] : 0),
                        figure(b, b ? b->wage[c] : 0));
        r.prefixKey = "applications.budget.wage_of";
        rows.push_back(std::move(r));
    }
    const struct {
        const char* id;
        const char* key;
        std::int64_t Budget::*member;
    } figures[] = {
        {"budget-wage", "applications.budget.wage", &Budget::wageTotal},
        {"budget-contribution", "applications.budget.contribution", &Budget::contribution},
        {"budget-wage-support", "applications.budget.wage_support", &Budget::wageSupport},
        {"budget-material-costs", "applications.budget.material_costs", &Budget::materialCosts},
        {"budget-material-cap", "applications.budget.material_cap", &Budget::materialSupportCap},
        {"budget-material-support", "applications.budget.material_support", &Budget::materialSupport},
        {"budget-total-support", "applications.budget.total_support", &Budget::totalSupport},
        {"budget-own-share", "applications.budget.own_share", &Budget::ownShare},
    };
    for (const auto& f : figures)
        rows.push_back(row(f.id, f.key, DiffFormat::Forints, figure(a, a ? (*a).*f.member : 0),
                           figure(b, b ? (*b).*f.member : 0)));
    return rows;
}

std::size_t changedIn(const std::vector<DiffRow>& rows) {
    return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [](const DiffRow& r) { return r.changed; }));
}

// `text` with each "{}" replaced by the next of `values`.
std::string filled(std::string text, std::initializer_list<std::string> values) {
    std::size_t from = 0;
    for (const std::string& v : values) {
        const std::size_t at = text.find("{}", from);
        if (at == std::string::npos) break;
        text.replace(at, 2, v);
        from = at + v.size();
    }
    return text;
}

std::string programmeName(const std::string& code, const DiffContext& context, domain::Lang lang) {
    if (context.programmes)
        for (const ProgrammeRow& p : *context.programmes)
            if (p.rules.code == code) return lang == domain::Lang::Hu ? p.rules.nameHu : p.rules.nameEn;
    return code;
}

// A value as the page shows it ("" when absent: the template says so).
std::string shown(const DiffRow& r, const DiffValue& v, const DiffContext& context, domain::Lang lang) {
    if (!v.present) return "";
    switch (r.format) {
        case DiffFormat::Text:
        case DiffFormat::LongText:
        case DiffFormat::Date: return v.text;
        case DiffFormat::Programme: return programmeName(v.text, context, lang);
        case DiffFormat::Number: return std::to_string(v.number);
        case DiffFormat::Percent: return std::to_string(v.number) + "\xC2\xA0%";
        case DiffFormat::Forints: return forints(lang, v.number);
        case DiffFormat::Item: return v.text + ": " + forints(lang, v.number);
    }
    return "";
}

void fillSide(ctemplate::TemplateDictionary& d, const char* prefix, const view::Translator& tr, domain::Lang lang,
              const StoredVersion& v) {
    const std::string p(prefix);
    d.SetIntValue(p + "_NUMBER", v.version);
    d.SetValue(p + "_PARTY", partyName(tr, lang, v.party));
    d.SetValue(p + "_KIND", tr.get(lang, std::string("applications.timeline.version.") +
                                           (v.party == Party::Office ? "proposal" : v.submitted ? "submitted" : "draft")));
    d.SetValue(p + "_WHEN", util::hungarianTime(util::parseSqlTime(v.createdAt)));
    d.SetValue(p + "_WHEN_ISO", isoUtc(v.createdAt));
}

void fillRows(ctemplate::TemplateDictionary& section, const view::Translator& tr, domain::Lang lang,
              const std::vector<DiffRow>& rows, const DiffContext& context) {
    for (const DiffRow& r : rows) {
        ctemplate::TemplateDictionary* e = section.AddSectionDictionary("ROW");
        e->SetValue("ROW_ID", r.id);
        std::string label = tr.get(lang, r.labelKey);
        if (!r.prefixKey.empty()) label = tr.get(lang, r.prefixKey) + " " + label;
        if (r.line) label += ", " + tr.get(lang, "applications.materials.line") + " " + std::to_string(r.line);
        e->SetValue("LABEL", label);
        e->SetValue("CHANGED", r.changed ? "true" : "false");
        // Each side's cell: "not given", or the value (struck out on the
        // older side and inserted on the newer when it changed); long texts
        // keep their lines.
        const auto cell = [&](const char* cellSection, const DiffValue& value, const char* changedAs) {
            ctemplate::TemplateDictionary* c = e->AddSectionDictionary(cellSection);
            if (!value.present) {
                c->ShowSection("EMPTY");
                return;
            }
            ctemplate::TemplateDictionary* v = c->AddSectionDictionary(r.changed ? changedAs : "SAME");
            v->AddSectionDictionary(r.format == DiffFormat::LongText ? "LONG" : "SHORT")
                ->SetValue("VALUE", shown(r, value, context, lang));
        };
        cell("A_CELL", r.a, "OLD");
        cell("B_CELL", r.b, "NEW");
        if (r.changed) e->ShowSection("IS_CHANGED");
    }
}

std::string pairUrl(const DiffContext& context, std::uint32_t x, std::uint32_t y) {
    return context.versionsBase + std::to_string(x) + "/diff/" + std::to_string(y);
}

}  // namespace

bool sameFields(const ApplicationFields& a, const ApplicationFields& b) {
    const std::vector<DiffRow> rows = fieldRows(a, b);
    return std::none_of(rows.begin(), rows.end(), [](const DiffRow& r) { return r.changed; });
}

VersionDiff diffVersions(const StoredVersion& a, const StoredVersion& b) {
    VersionDiff diff;
    diff.fields = fieldRows(a.fields, b.fields);
    diff.budget = budgetRows(a.budget, b.budget);
    diff.budgetA = a.budget.has_value();
    diff.budgetB = b.budget.has_value();
    diff.changedFields = changedIn(diff.fields);
    diff.changedBudget = changedIn(diff.budget);
    return diff;
}

void fillDiff(ctemplate::TemplateDictionary& d, const view::Translator& tr, domain::Lang lang, const StoredVersion& a,
              const StoredVersion& b, const VersionDiff& diff, const DiffContext& context) {
    const std::string na = std::to_string(a.version), nb = std::to_string(b.version);
    d.SetValue("HEADING", filled(tr.get(lang, "applications.diff.heading"), {na, nb}));
    fillSide(d, "A", tr, lang, a);
    fillSide(d, "B", tr, lang, b);
    const std::size_t changed = diff.changedFields + diff.changedBudget;
    if (changed == 0) d.ShowSection("NO_CHANGES");
    else d.SetValueAndShowSection("CHANGED_COUNT", std::to_string(changed), "HAS_CHANGES");

    // The neighbouring changes: the one before the older version, the one
    // after the newer, and the newer against the newest.
    const std::uint32_t low = std::min(a.version, b.version), high = std::max(a.version, b.version);
    // The neighbours among the versions the viewer may compare.
    std::uint32_t before = low > 1 ? low - 1 : 0, after = high < context.newest ? high + 1 : 0,
                  newest = context.newest;
    if (!context.visible.empty()) {
        const auto& v = context.visible;
        const auto lo = std::lower_bound(v.begin(), v.end(), low);
        before = lo == v.begin() ? 0 : *(lo - 1);
        const auto hi = std::upper_bound(v.begin(), v.end(), high);
        after = hi == v.end() ? 0 : *hi;
        newest = v.back();
    }
    bool nav = false;
    if (before > 0) {
        d.SetValueAndShowSection("PREVIOUS_URL", pairUrl(context, before, low), "PREVIOUS");
        d.SetValue("PREVIOUS_TEXT", filled(tr.get(lang, "applications.diff.previous"),
                                           {std::to_string(before), std::to_string(low)}));
        nav = true;
    }
    if (after > 0) {
        d.SetValueAndShowSection("NEXT_URL", pairUrl(context, high, after), "NEXT");
        d.SetValue("NEXT_TEXT",
                   filled(tr.get(lang, "applications.diff.next"), {std::to_string(high), std::to_string(after)}));
        if (after < newest) {
            d.SetValueAndShowSection("NEWEST_URL", pairUrl(context, high, newest), "NEWEST");
            d.SetValue("NEWEST_TEXT", filled(tr.get(lang, "applications.diff.newest"),
                                             {std::to_string(high), std::to_string(newest)}));
        }
        nav = true;
    }
    if (nav) d.ShowSection("NAV");

    fillRows(*d.AddSectionDictionary("FIELDS"), tr, lang, diff.fields, context);
    if (!diff.budgetA && !diff.budgetB) d.ShowSection("NO_BUDGET");
    else fillRows(*d.AddSectionDictionary("BUDGET"), tr, lang, diff.budget, context);
}

void addDiff(ctemplate::TemplateDictionary& parent, const char* marker, const view::Translator& tr, domain::Lang lang,
             const StoredVersion& a, const StoredVersion& b, const VersionDiff& diff, const DiffContext& context) {
    ctemplate::TemplateDictionary* d = parent.AddIncludeDictionary(marker);
    d->SetFilename(view::Views::key(lang, kDiffTemplate));
    fillDiff(*d, tr, lang, a, b, diff, context);
}

}  // namespace ktk::applications
