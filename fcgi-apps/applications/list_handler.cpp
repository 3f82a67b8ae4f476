#include "applications/application_handlers.h"
#include "applications/application_page.h"
#include "applications/summary_view.h"

// A line's own variables, named once (summary_view.cpp says why).
static const ctemplate::StaticTemplateString kRow = STS_INIT(kRow, "ROW");
static const ctemplate::StaticTemplateString kProgramme = STS_INIT(kProgramme, "PROGRAMME");
static const ctemplate::StaticTemplateString kStart = STS_INIT(kStart, "START");
static const ctemplate::StaticTemplateString kEnd = STS_INIT(kEnd, "END");
static const ctemplate::StaticTemplateString kHeadcount = STS_INIT(kHeadcount, "HEADCOUNT");
static const ctemplate::StaticTemplateString kSupport = STS_INIT(kSupport, "SUPPORT");
static const ctemplate::StaticTemplateString kHasSupport = STS_INIT(kHasSupport, "HAS_SUPPORT");

namespace ktk::applications::handlers {

namespace {

// ?page=N: 1 unless N is a page number (digits, no leading zero, at most kMaxListPage).
unsigned pageOf(const std::string& text) {
    if (text.empty() || text.size() > 5 || text[0] == '0' || text.find_first_not_of("0123456789") != std::string::npos)
        return 1;
    const unsigned page = static_cast<unsigned>(std::stoul(text));
    return page <= kMaxListPage ? page : 1;
}

std::string listPath(unsigned page) { return page == 1 ? "/applications" : "/applications?page=" + std::to_string(page); }

}  // namespace

web::Response ListHandler::get(web::Context& ctx) {
    const repo::Municipality& m = *ctx.loggedIn().municipality;
    const unsigned asked = pageOf(ctx.req.query("page"));
    const std::string key = std::to_string(m.id) + '|' + std::to_string(asked) + '|' + code(ctx.lang());
    web::Page page = ctx.page("applications/list", "applications.list.title");
    if (const auto* kept = kept_.find(key);
        kept && kept->stamp == m.applicationsVersion && kept->value.municipalityName == m.name) {
        page.keptContent(kept->value.html);
        return page.render();
    }
    const ListPage list = listPageForContact(ctx.app.db, contactOf(ctx), asked);
    if (list.rows.empty() && list.page > 1) return web::Response::redirect(listPath(1));
    ctemplate::TemplateDictionary& d = page.dict();
    d.SetValue("MUNICIPALITY", m.name);
    if (list.rows.empty()) d.ShowSection("EMPTY");
    else d.ShowSection("HAS_ROWS");
    const bool hu = ctx.lang() == domain::Lang::Hu;
    for (const ApplicationSummary& a : list.rows) {
        ctemplate::TemplateDictionary* row = d.AddSectionDictionary(kRow);
        fillSummary(*row, ctx.app.translator, ctx.lang(), a);
        const std::string& name = hu ? a.programmeNameHu : a.programmeNameEn;
        row->SetValue(kProgramme, name.empty() ? a.programmeType : name);
        row->SetValue(kStart, a.startDate);
        row->SetValue(kEnd, a.endDate);
        row->SetValue(kHeadcount, std::to_string(a.headcount));
        if (a.requestedSupport) {
            row->SetValue(kSupport, money(ctx, *a.requestedSupport));
            row->ShowSection(kHasSupport);
        }
    }
    if (list.page > 1 || list.hasNext) {
        ctemplate::TemplateDictionary* pager = d.AddSectionDictionary("PAGER");
        const unsigned first = (list.page - 1) * kListPageSize + 1;
        std::string shown = ctx.tr("applications.list.shown");
        for (unsigned n : {first, first + static_cast<unsigned>(list.rows.size()) - 1})
            if (std::size_t at = shown.find("{}"); at != std::string::npos) shown.replace(at, 2, std::to_string(n));
        pager->SetValue("SHOWN", shown);
        if (list.page > 1) pager->SetValueAndShowSection("NEWER_URL", listPath(list.page - 1), "NEWER");
        if (list.hasNext) pager->SetValueAndShowSection("OLDER_URL", listPath(list.page + 1), "OLDER");
    }
    if (std::optional<std::string> html = page.contentToKeep())
        kept_.keep(key, m.applicationsVersion, {m.name, std::move(*html)});
    return page.render();
}

}  // namespace ktk::applications::handlers
