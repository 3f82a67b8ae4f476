#include "admin/admin_area.h"

#include <cgicc/CgiUtils.h>

#include "domain/person_name.h"

namespace ktk::admin {

service::AdminActor Clerk::actor(const web::Context& ctx) const {
    return {repo::Actor::user(user->id), std::string(ctx.req.clientAddress()), officeId};
}

applications::OfficeClerk Clerk::officeClerk(const web::Context& ctx) const {
    return {user->id, officeId, std::string(ctx.req.clientAddress())};
}

Clerk clerkOf(web::Context& ctx) {
    // The session lookup read the office with the account.
    const repo::Account& user = ctx.loggedIn();
    Clerk clerk;
    clerk.user = &user;
    clerk.officeId = *user.officeId;
    clerk.officeName = user.officeName;
    return clerk;
}

web::Response refuseNonClerk(web::Context& ctx) {
    const repo::Account& user = ctx.loggedIn();
    ctx.app.db.transact([&](db::Tx& tx) {
        service::AdminActor actor{repo::Actor::user(user.id), std::string(ctx.req.clientAddress()), std::nullopt};
        service::recordDenied(tx, actor, ctx.req.path(), "not_a_clerk", std::nullopt, std::nullopt);
    });
    web::Page p = ctx.page("admin/denied", "admin.denied.title");
    p.dict().ShowSection("NOT_A_CLERK");
    return p.render(403);
}

web::Response denied(web::Context& ctx, const Clerk& clerk) {
    web::Page p = page(ctx, clerk, "admin/denied", "admin.denied.title", "");
    p.dict().ShowSection("OUTSIDE_OFFICE");
    return p.render(403);
}

web::Page page(web::Context& ctx, const Clerk& clerk, std::string name, std::string_view titleKey,
               std::string_view current) {
    web::Page p = ctx.page(std::move(name), titleKey);
    ctemplate::TemplateDictionary* nav = p.dict().AddIncludeDictionary("ADMIN_NAV");
    nav->SetFilename(view::Views::key(ctx.lang(), "admin/nav"));
    nav->SetValue("OFFICE_NAME", clerk.officeName);
    if (current == "/admin") nav->ShowSection("CURRENT_SEARCH");
    else if (current == "/admin/link") nav->ShowSection("CURRENT_LINK");
    else if (current == "/admin/audit") nav->ShowSection("CURRENT_AUDIT");
    else if (current == "/admin/applications") nav->ShowSection("CURRENT_APPLICATIONS");
    return p;
}

void showAccount(web::Context& ctx, ctemplate::TemplateDictionary& d, const repo::Account& a) {
    const char* state = repo::stateName(a.state());
    d.SetValue("NAME", domain::displayName(a.lastName, a.firstName, ctx.lang()));
    d.SetValue("EMAIL", a.email);
    d.SetValue("STATE", state);
    d.SetValue("STATE_TEXT", ctx.tr(std::string("admin.state.") + state));
    d.SetValue("CREATED", formatDate(ctx.lang(), a.createdAt));
    if (a.municipality) {
        ctemplate::TemplateDictionary* m = d.AddSectionDictionary("MUNICIPALITY");
        m->SetValue("MUNICIPALITY_NAME", a.municipality->name);
        m->SetValue("TAX_NUMBER", a.municipality->taxNumber);
    }
}

std::string formatDate(domain::Lang lang, std::string_view datetime) {
    if (datetime.size() < 10) return std::string(datetime);
    std::string_view y = datetime.substr(0, 4), m = datetime.substr(5, 2), d = datetime.substr(8, 2);
    if (lang == domain::Lang::Hu) return std::string(y) + ". " + std::string(m) + ". " + std::string(d) + ".";
    return std::string(datetime.substr(0, 10));
}

std::string withQuery(std::string_view path, std::string_view name, std::string_view value) {
    return std::string(path) + "?" + std::string(name) + "=" + cgicc::form_urlencode(std::string(value));
}

}  // namespace ktk::admin
