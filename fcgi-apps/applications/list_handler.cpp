#include "applications/application_handlers.h"
#include "applications/application_page.h"
#include "applications/summary_view.h"

namespace ktk::applications::handlers {

web::Response ListHandler::get(web::Context& ctx) {
    const Contact who = contactOf(ctx);
    const std::vector<ApplicationSummary> list = listForContact(ctx.app.db, who);
    const std::vector<ProgrammeRow> programmes = formChoices(ctx.app.db);
    web::Page page = ctx.page("applications/list", "applications.list.title");
    ctemplate::TemplateDictionary& d = page.dict();
    d.SetValue("MUNICIPALITY", ctx.loggedIn().municipality->name);
    if (list.empty()) d.ShowSection("EMPTY");
    else d.ShowSection("HAS_ROWS");
    for (const ApplicationSummary& a : list) {
        ctemplate::TemplateDictionary* row = d.AddSectionDictionary("ROW");
        fillSummary(*row, ctx.app.translator, ctx.lang(), a);
        row->SetValue("PROGRAMME", programmeName(ctx, programmes, a.programmeType));
        row->SetValue("START", a.startDate);
        row->SetValue("END", a.endDate);
        row->SetIntValue("HEADCOUNT", static_cast<long>(a.headcount));
        if (a.requestedSupport) row->SetValueAndShowSection("SUPPORT", money(ctx, *a.requestedSupport), "HAS_SUPPORT");
    }
    return page.render();
}

}  // namespace ktk::applications::handlers
