#include <cgicc/CgiUtils.h>

#include "admin/admin_area.h"
#include "admin/application_handlers.h"
#include "applications/application_page.h"
#include "applications/office_csv.h"
#include "applications/summary_view.h"
#include "domain/email.h"
#include "web/form_view.h"

namespace ktk::admin {

namespace {

using applications::State;

// The order of the counts: what waits for the office first.
constexpr State kStateOrder[] = {State::Submitted, State::InReview, State::Agreed,   State::Proposal,
                                 State::Approved,  State::Rejected, State::Withdrawn};

// A number of at most `digits` digits without a leading zero, or nullopt.
std::optional<std::uint64_t> wholeNumber(const std::string& text, std::size_t digits) {
    if (text.empty() || text.size() > digits || text[0] == '0' ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoull(text);
}

// ?year=: a year of the application numbers; nullopt when not given,
// false in `ok` when given and not a year.
std::optional<int> yearOf(const std::string& text, bool& ok) {
    ok = true;
    if (text.empty()) return std::nullopt;
    std::optional<std::uint64_t> y = wholeNumber(text, 4);
    if (!y || *y < 2000) {
        ok = false;
        return std::nullopt;
    }
    return static_cast<int>(*y);
}

// The filters as the query string carries them, for the links that keep them.
struct Filters {
    std::string q, state, municipality, year;

    std::string url(std::string_view stateCode, unsigned page) const {
        std::string query;
        const auto add = [&](const char* name, const std::string& value) {
            if (value.empty()) return;
            query += (query.empty() ? "?" : "&") + std::string(name) + "=" + cgicc::form_urlencode(value);
        };
        add("q", q);
        add("state", std::string(stateCode));
        add("municipality", municipality);
        add("year", year);
        if (page > 1) add("page", std::to_string(page));
        return "/admin/applications" + query;
    }
};

}  // namespace

web::Response InboxHandler::get(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    Filters shown;
    shown.q = domain::trimmed(ctx.req.query("q"));
    if (shown.q.size() > kMaxQueryChars) shown.q.resize(kMaxQueryChars);
    applications::InboxFilter filter;
    filter.query = shown.q;
    if (std::optional<State> s = applications::parseState(ctx.req.query("state")); s && *s != State::Draft) {
        filter.state = s;
        shown.state = std::string(applications::stateCode(*s));
    }
    if (std::optional<std::uint64_t> m = wholeNumber(ctx.req.query("municipality"), 18)) {
        filter.municipalityId = m;
        shown.municipality = std::to_string(*m);
    }
    bool yearOk = true;
    std::string typedYear = domain::trimmed(ctx.req.query("year"));
    if (typedYear.size() > 16) typedYear.resize(16);
    filter.year = yearOf(typedYear, yearOk);
    if (filter.year) shown.year = std::to_string(*filter.year);
    const std::optional<std::uint64_t> asked = wholeNumber(ctx.req.query("page"), 5);
    const unsigned pageNo = asked && *asked <= applications::kMaxListPage ? static_cast<unsigned>(*asked) : 1;

    // The page as shown: the filters as typed (the year too, valid or not).
    std::string key = std::to_string(clerk.officeId);
    for (const std::string* part : {&shown.q, &shown.state, &shown.municipality, &typedYear})
        (key += '\x1f') += *part;
    (((key += '\x1f') += std::to_string(pageNo)) += '\x1f') += code(ctx.lang());
    const std::uint64_t version = ctx.loggedIn().officeApplicationsVersion;
    const auto* kept = kept_.find(key);
    if (yearOk && kept && kept->stamp == version && kept->value.officeName == clerk.officeName) {
        web::Page p = admin::page(ctx, clerk, "admin/applications", "admin.applications.title", "/admin/applications");
        p.keptContent(kept->value.html);
        return p.render();
    }

    const applications::Inbox inbox = applications::inboxForOffice(ctx.app.db, clerk.officeClerk(ctx), filter, pageNo);
    if (inbox.rows.empty() && inbox.page > 1) return web::Response::redirect(shown.url(shown.state, 1));

    web::Page p = admin::page(ctx, clerk, "admin/applications", "admin.applications.title", "/admin/applications");
    ctemplate::TemplateDictionary& d = p.dict();
    d.SetValue("Q", shown.q);
    d.SetValue("YEAR", typedYear);
    for (const State s : kStateOrder) {
        ctemplate::TemplateDictionary* option = d.AddSectionDictionary("STATE_OPTION");
        option->SetValue("CODE", std::string(applications::stateCode(s)));
        option->SetValue("NAME", applications::handlers::stateName(ctx, s));
        if (filter.state == s) option->ShowSection("SELECTED");
    }
    for (const applications::MunicipalityChoice& m : inbox.municipalities) {
        ctemplate::TemplateDictionary* option = d.AddSectionDictionary("MUNICIPALITY_OPTION");
        option->SetIntValue("ID", static_cast<long>(m.id));
        option->SetValue("NAME", m.name);
        if (filter.municipalityId == m.id) option->ShowSection("SELECTED");
    }

    // The counts follow every filter but the state: each links to its state.
    std::uint64_t all = 0;
    for (const applications::StateCount& c : inbox.counts) all += c.count;
    ctemplate::TemplateDictionary* total = d.AddSectionDictionary("COUNT");
    total->SetValue("NAME", ctx.tr("admin.applications.all_states"));
    total->SetValue("CODE", "all");
    total->SetIntValue("COUNT", static_cast<long>(all));
    total->SetValue("URL", shown.url("", 1));
    if (!filter.state) total->ShowSection("CURRENT");
    for (const State s : kStateOrder) {
        std::uint64_t n = 0;
        for (const applications::StateCount& c : inbox.counts)
            if (c.state == s) n = c.count;
        ctemplate::TemplateDictionary* count = d.AddSectionDictionary("COUNT");
        count->SetValue("NAME", applications::handlers::stateName(ctx, s));
        count->SetValue("CODE", std::string(applications::stateCode(s)));
        count->SetIntValue("COUNT", static_cast<long>(n));
        count->SetValue("URL", shown.url(applications::stateCode(s), 1));
        if (filter.state == s) count->ShowSection("CURRENT");
        if (applications::waitsForOffice(s)) count->ShowSection("WAITING");
    }

    if (inbox.rows.empty()) d.ShowSection("EMPTY");
    else d.ShowSection("HAS_ROWS");
    for (const applications::InboxRow& row : inbox.rows) {
        ctemplate::TemplateDictionary* r = d.AddSectionDictionary("ROW");
        applications::fillSummary(*r, ctx.app.translator, ctx.lang(), row.summary);
        r->SetValue("MUNICIPALITY", row.municipalityName);
        r->SetValue("TAX_NUMBER", row.taxNumber);
        if (row.summary.requestedSupport)
            r->SetValueAndShowSection("SUPPORT", applications::handlers::money(ctx, *row.summary.requestedSupport),
                                      "HAS_SUPPORT");
    }
    if (inbox.page > 1 || inbox.hasNext) {
        ctemplate::TemplateDictionary* pager = d.AddSectionDictionary("PAGER");
        const unsigned first = (inbox.page - 1) * applications::kInboxPageSize + 1;
        std::string text = ctx.tr("applications.list.shown");
        for (unsigned n : {first, first + static_cast<unsigned>(inbox.rows.size()) - 1})
            if (std::size_t at = text.find("{}"); at != std::string::npos) text.replace(at, 2, std::to_string(n));
        pager->SetValue("SHOWN", text);
        if (inbox.page > 1)
            pager->SetValueAndShowSection("NEWER_URL", shown.url(shown.state, inbox.page - 1), "NEWER");
        if (inbox.hasNext) pager->SetValueAndShowSection("OLDER_URL", shown.url(shown.state, inbox.page + 1), "OLDER");
    }
    d.SetValue("CSV_URL", filter.year ? "/admin/applications.csv?year=" + std::to_string(*filter.year)
                                      : std::string("/admin/applications.csv"));
    if (!yearOk) {
        domain::FormErrors errors;
        errors.add("year", "admin.applications.error.year");
        web::showFormErrors(p, errors, {{"year", nullptr, "admin.applications.year"}});
        return p.render(422);
    }
    if (std::optional<std::string> html = p.contentToKeep())
        kept_.keep(key, version, {clerk.officeName, std::move(*html)});
    return p.render();
}

web::Response CsvHandler::get(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    bool yearOk = true;
    const std::optional<int> year = yearOf(ctx.req.query("year"), yearOk);
    if (!yearOk) return ctx.errorPage(404);
    const std::vector<applications::InboxRow> rows = applications::exportForOffice(ctx.app.db, clerk.officeId, year);
    web::Response r;
    r.contentType = "text/csv; charset=utf-8";
    r.body = applications::officeCsv(rows, ctx.app.translator, ctx.lang());
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"ktk-applications-" +
                                                      std::to_string(clerk.officeId) + "-" +
                                                      (year ? std::to_string(*year) : std::string("all")) + ".csv\"");
    return r;
}

}  // namespace ktk::admin
