#include "applications/application_handlers.h"
#include "applications/application_page.h"

namespace ktk::applications::handlers {

web::Response ShowHandler::get(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id");
    std::optional<ApplicationView> view = viewApplication(ctx.app.db, contactOf(ctx), id);
    if (!view) return ctx.errorPage(404);
    const ApplicationSummary& a = view->application.summary;
    const StoredVersion& v = view->application.current;
    const std::vector<ProgrammeRow> programmes = formChoices(ctx.app.db);

    web::Page page = ctx.page("applications/show", "applications.show.title");
    ctemplate::TemplateDictionary& d = page.dict();
    if (ctx.req.query("saved") == "1") d.ShowSection("SAVED");
    d.SetIntValue("ID", static_cast<long>(id));
    d.SetValue("HEADING", a.title.empty() ? ctx.tr("applications.untitled") : a.title);
    d.SetValue("STATE_CODE", std::string(stateCode(a.state)));
    d.SetValue("STATE", stateName(ctx, a.state));
    if (a.number.empty()) d.ShowSection("NO_NUMBER");
    else d.SetValueAndShowSection("NUMBER", a.number, "HAS_NUMBER");
    d.SetIntValue("VERSION", v.version);
    if (allowed(a.state, Action::Edit, Party::Contact)) d.ShowSection("CAN_EDIT");

    const ApplicationForm f = toForm(v.fields);
    d.SetValue("PROGRAMME", view->programme ? programmeName(ctx, programmes, f.programmeType) : f.programmeType);
    d.SetValue("PUBLIC_TASK", f.publicTask);
    d.SetValue("WORK_LOCATIONS", f.workLocations);
    d.SetValue("START_DATE", f.startDate);
    d.SetValue("END_DATE", f.endDate);
    d.SetValue("DAILY_HOURS", f.dailyHours);
    const char* headcountKeys[kWageCategories] = {"HEADCOUNT_BASIC", "HEADCOUNT_SKILLED", "HEADCOUNT_LEADERS",
                                                  "HEADCOUNT_LEADERS_SKILLED"};
    for (std::size_t c = 0; c < kWageCategories; ++c) d.SetValue(headcountKeys[c], f.headcount[c]);
    for (const MaterialItem& item : v.fields.materialItems) {
        ctemplate::TemplateDictionary* row = d.AddSectionDictionary("ITEM");
        row->SetValue("NAME", item.name);
        row->SetValue("AMOUNT", money(ctx, item.amount));
    }
    if (v.fields.materialItems.empty()) d.ShowSection("NO_ITEMS");
    d.SetValue("WAGE_SUPPORT_PCT", f.wageSupportPct);
    if (v.fields.materialSupport) d.SetValue("MATERIAL_SUPPORT", money(ctx, *v.fields.materialSupport));

    if (view->budget) {
        fillBudget(ctx, *d.AddSectionDictionary("BUDGET"), *view->budget);
        if (view->rates) d.SetIntValue("RATES_YEAR", view->rates->rates.year);
    } else {
        d.ShowSection("NO_BUDGET");
    }
    if (a.state == State::Draft && !view->missing.empty()) {
        ctemplate::TemplateDictionary* missing = d.AddSectionDictionary("MISSING");
        for (const web::FormField& field : kApplicationFields)
            if (const std::string* key = view->missing.find(field.name)) {
                std::string message = ctx.tr(*key);
                if (const std::string* detail = view->missing.detail(field.name))
                    if (std::size_t at = message.find("{}"); at != std::string::npos) message.replace(at, 2, *detail);
                ctemplate::TemplateDictionary* item = missing->AddSectionDictionary("PROBLEM");
                item->SetValue("LABEL", ctx.tr(field.labelKey));
                item->SetValue("MESSAGE", message);
            }
    }
    return page.render();
}

}  // namespace ktk::applications::handlers
