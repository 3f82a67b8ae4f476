#include "applications/application_page.h"

#include "applications/summary_view.h"

namespace ktk::applications::handlers {

const web::FormField kApplicationFields[15] = {
    {"title", nullptr, "applications.field.title"},
    {"programme_type", nullptr, "applications.field.programme_type"},
    {"public_task", nullptr, "applications.field.public_task"},
    {"work_locations", nullptr, "applications.field.work_locations"},
    {"start_date", nullptr, "applications.field.start_date"},
    {"end_date", nullptr, "applications.field.end_date"},
    {"daily_hours", nullptr, "applications.field.daily_hours"},
    {"headcount_basic", nullptr, "applications.field.headcount_basic"},
    {"headcount_skilled", nullptr, "applications.field.headcount_skilled"},
    {"headcount_leaders", nullptr, "applications.field.headcount_leaders"},
    {"headcount_leaders_skilled", nullptr, "applications.field.headcount_leaders_skilled"},
    {"material_item_name", nullptr, "applications.field.material_item_name"},
    {"material_item_amount", nullptr, "applications.field.material_item_amount"},
    {"wage_support_pct", nullptr, "applications.field.wage_support_pct"},
    {"material_support", nullptr, "applications.field.material_support"},
};

std::string applicationPath(std::uint64_t id) { return "/applications/" + std::to_string(id); }

std::optional<std::uint32_t> formVersion(const web::Request& req) {
    const std::string v = req.form("version");
    if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return static_cast<std::uint32_t>(std::stoul(v));
}

namespace {

// The fields both the form and the page show as typed.
void fillTexts(ctemplate::TemplateDictionary& d, const applications::ApplicationForm& form) {
    d.SetValue("PUBLIC_TASK", form.publicTask);
    d.SetValue("WORK_LOCATIONS", form.workLocations);
    d.SetValue("START_DATE", form.startDate);
    d.SetValue("END_DATE", form.endDate);
    d.SetValue("DAILY_HOURS", form.dailyHours);
    const char* headcountKeys[applications::kWageCategories] = {"HEADCOUNT_BASIC", "HEADCOUNT_SKILLED",
                                                                "HEADCOUNT_LEADERS", "HEADCOUNT_LEADERS_SKILLED"};
    for (std::size_t c = 0; c < applications::kWageCategories; ++c) d.SetValue(headcountKeys[c], form.headcount[c]);
}

}  // namespace

applications::Contact contactOf(web::Context& ctx) {
    const repo::Account& user = ctx.loggedIn();
    return {user.id, user.municipalityId().value_or(0), std::string(ctx.req.clientAddress())};
}

applications::ApplicationForm readForm(const web::Request& req) {
    applications::ApplicationForm f;
    f.title = req.form("title");
    f.programmeType = req.form("programme_type");
    f.publicTask = req.form("public_task");
    f.workLocations = req.form("work_locations");
    f.startDate = req.form("start_date");
    f.endDate = req.form("end_date");
    f.dailyHours = req.form("daily_hours");
    for (std::size_t c = 0; c < applications::kWageCategories; ++c)
        f.headcount[c] = req.form(applications::kHeadcountFields[c]);
    f.itemNames = req.formAll("material_item_name");
    f.itemAmounts = req.formAll("material_item_amount");
    f.wageSupportPct = req.form("wage_support_pct");
    f.materialSupport = req.form("material_support");
    return f;
}

std::string money(web::Context& ctx, std::int64_t forints) { return applications::forints(ctx.lang(), forints); }

std::string fileSize(web::Context& ctx, std::uint64_t bytes) {
    constexpr std::uint64_t kB = 1024, MB = 1024 * 1024;
    if (bytes < MB) return std::to_string((bytes + kB - 1) / kB) + "\xC2\xA0kB";
    const std::uint64_t tenths = (bytes * 10 + MB / 2) / MB;
    return std::to_string(tenths / 10) + (ctx.lang() == domain::Lang::Hu ? "," : ".") + std::to_string(tenths % 10) +
           "\xC2\xA0MB";
}

std::string stateName(web::Context& ctx, applications::State state) {
    return applications::stateName(ctx.app.translator, ctx.lang(), state);
}

std::string programmeName(web::Context& ctx, const std::vector<applications::ProgrammeRow>& programmes,
                          const std::string& code) {
    for (const applications::ProgrammeRow& p : programmes)
        if (p.rules.code == code) return ctx.lang() == domain::Lang::Hu ? p.rules.nameHu : p.rules.nameEn;
    return code;
}

void fillForm(web::Context& ctx, ctemplate::TemplateDictionary& d, const applications::ApplicationForm& form,
              const std::vector<applications::ProgrammeRow>& programmes, std::size_t blankItems) {
    d.SetValue("TITLE", form.title);
    bool chosen = false;
    for (const applications::ProgrammeRow& p : programmes) {
        ctemplate::TemplateDictionary* option = d.AddSectionDictionary("PROGRAMME");
        option->SetValue("CODE", p.rules.code);
        option->SetValue("NAME", ctx.lang() == domain::Lang::Hu ? p.rules.nameHu : p.rules.nameEn);
        option->SetValue("HOURS", p.rules.minDailyHours == p.rules.maxDailyHours
                                      ? std::to_string(p.rules.minDailyHours)
                                      : std::to_string(p.rules.minDailyHours) + "–" + std::to_string(p.rules.maxDailyHours));
        option->SetIntValue("MONTHS", p.rules.maxMonths);
        if (p.rules.code == form.programmeType) {
            option->ShowSection("SELECTED");
            chosen = true;
        }
    }
    if (!chosen) d.ShowSection("NONE_SELECTED");
    fillTexts(d, form);
    // The lines as sent up to the last filled one (messages name lines by
    // their place), then the blank ones: a refused form does not grow.
    std::size_t rows = 0;
    for (std::size_t i = 0; i < std::max(form.itemNames.size(), form.itemAmounts.size()); ++i)
        if (!applications::blankItemLine(form, i)) rows = i + 1;
    rows += blankItems;
    for (std::size_t i = 0; i < rows; ++i) {
        ctemplate::TemplateDictionary* row = d.AddSectionDictionary("ITEM");
        row->SetIntValue("LINE", static_cast<long>(i + 1));
        // The first row carries the plain ids the error summary links to.
        row->SetValue("SUFFIX", i == 0 ? "" : "-" + std::to_string(i + 1));
        row->SetValue("NAME", i < form.itemNames.size() ? form.itemNames[i] : "");
        row->SetValue("AMOUNT", i < form.itemAmounts.size() ? form.itemAmounts[i] : "");
    }
    d.SetValue("WAGE_SUPPORT_PCT", form.wageSupportPct);
    d.SetValue("MATERIAL_SUPPORT", form.materialSupport);
}

void fillBudget(web::Context& ctx, ctemplate::TemplateDictionary& d, const applications::Budget& b) {
    const char* categoryKeys[applications::kWageCategories] = {
        "applications.field.headcount_basic", "applications.field.headcount_skilled",
        "applications.field.headcount_leaders", "applications.field.headcount_leaders_skilled"};
    for (std::size_t c = 0; c < applications::kWageCategories; ++c) {
        ctemplate::TemplateDictionary* row = d.AddSectionDictionary("WAGE_ROW");
        row->SetValue("LABEL", ctx.tr(categoryKeys[c]));
        row->SetValue("AMOUNT", money(ctx, b.wage[c]));
    }
    const struct {
        const char* id;
        std::int64_t amount;
    } rows[] = {{"WAGE", b.wageTotal},          {"CONTRIBUTION", b.contribution},
                {"WAGE_SUPPORT", b.wageSupport}, {"MATERIAL_COSTS", b.materialCosts},
                {"MATERIAL_CAP", b.materialSupportCap}, {"MATERIAL_SUPPORT", b.materialSupport},
                {"TOTAL_SUPPORT", b.totalSupport}, {"OWN_SHARE", b.ownShare}};
    for (const auto& r : rows) {
        d.SetValue(std::string("B_") + r.id, money(ctx, r.amount));
        d.SetValue(std::string("B_") + r.id + "_RAW", std::to_string(r.amount));
    }
}

void fillVersion(web::Context& ctx, ctemplate::TemplateDictionary& d, const applications::ApplicationView& view,
                 const std::vector<applications::ProgrammeRow>& programmes) {
    const applications::ApplicationFields& fields = view.application.current.fields;
    const applications::ApplicationForm f = applications::toForm(fields);
    d.SetValue("PROGRAMME", view.programme ? programmeName(ctx, programmes, f.programmeType) : f.programmeType);
    fillTexts(d, f);
    for (const applications::MaterialItem& item : fields.materialItems) {
        ctemplate::TemplateDictionary* row = d.AddSectionDictionary("ITEM");
        row->SetValue("NAME", item.name);
        row->SetValue("AMOUNT", money(ctx, item.amount));
    }
    if (fields.materialItems.empty()) d.ShowSection("NO_ITEMS");
    d.SetValue("WAGE_SUPPORT_PCT", f.wageSupportPct);
    if (fields.materialSupport) d.SetValue("MATERIAL_SUPPORT", money(ctx, *fields.materialSupport));

    if (view.budget) {
        fillBudget(ctx, *d.AddSectionDictionary("BUDGET"), *view.budget);
        if (view.rates) d.SetIntValue("RATES_YEAR", view.rates->rates.year);
    } else {
        d.ShowSection("NO_BUDGET");
    }
}

}  // namespace ktk::applications::handlers
