#include "admin/audit_handler.h"

#include "admin/admin_area.h"
#include "domain/email.h"
#include "domain/person_name.h"
#include "domain/tax_number.h"
#include "repo/audit.h"
#include "util/json.h"
#include "web/form_view.h"

namespace ktk::admin {

namespace {

constexpr unsigned kMaxRows = 200;

// A before or after value as "key: value" lines; one that is not a flat
// object (none of ours, but the log outlives code) as its JSON text.
void showValue(ctemplate::TemplateDictionary& row, const std::string& prefix, const std::optional<std::string>& json) {
    if (!json) return;
    auto members = util::parseFlatObject(*json);
    if (!members) {
        row.SetValueAndShowSection(prefix + "_RAW", *json, prefix + "_IS_RAW");
        return;
    }
    ctemplate::TemplateDictionary* list = row.AddSectionDictionary(prefix + "_MEMBERS");
    for (const auto& [key, value] : *members) {
        ctemplate::TemplateDictionary* m = list->AddSectionDictionary("MEMBER");
        m->SetValue("KEY", key);
        m->SetValue("VALUE", value == "null" ? "–" : value);
    }
}

}  // namespace

web::Response AuditHandler::get(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    const std::string typedUser = ctx.req.query("user");
    const domain::CheckedEmail userEmail = domain::checkEmail(typedUser);
    std::string user = domain::trimmed(typedUser);
    std::string municipality = domain::trimmed(ctx.req.query("municipality"));
    if (user.size() > kMaxQueryChars) user.resize(kMaxQueryChars);
    if (municipality.size() > kMaxQueryChars) municipality.resize(kMaxQueryChars);

    // Each filter names one account or one municipality the clerk may see.
    repo::AuditFilter filter;
    filter.officeId = clerk.officeId;
    filter.limit = kMaxRows;
    const char* userError = nullptr;
    const char* municipalityError = nullptr;
    if (!user.empty() && userEmail.check != domain::EmailCheck::Ok) userError = domain::messageKey(userEmail.check);
    domain::TaxNumberResult tax;
    if (!municipality.empty()) {
        tax = domain::parseTaxNumber(municipality);
        if (!tax.ok()) municipalityError = domain::messageKey(tax.error);
    }
    struct Found {
        bool outside = false;
        std::vector<repo::AuditRow> rows;
    };
    Found found = ctx.app.db.transact([&](db::Tx& tx) {
        Found out;
        const service::AdminActor actor = clerk.actor(ctx);
        if (!user.empty() && !userError) {
            std::optional<repo::Account> a = repo::findAccount(tx, userEmail.key);
            if (!a) {
                userError = "admin.error.unknown_user";
            } else if (!repo::withinOffice(*a, clerk.officeId)) {
                service::recordDenied(tx, actor, "audit.view", "user_outside_office", a->id, a->municipalityId());
                out.outside = true;
                return out;
            } else {
                filter.userId = a->id;
            }
        }
        if (!municipality.empty() && tax.ok()) {
            std::optional<repo::Municipality> m = repo::findMunicipality(tx, tax.canonical);
            if (!m) {
                municipalityError = "admin.error.unknown_municipality";
            } else if (m->officeId != clerk.officeId) {
                service::recordDenied(tx, actor, "audit.view", "municipality_outside_office", std::nullopt, m->id);
                out.outside = true;
                return out;
            } else {
                filter.municipalityId = m->id;
            }
        }
        if (!userError && !municipalityError) out.rows = repo::listAudit(tx, filter);
        return out;
    });
    if (found.outside) return denied(ctx, clerk);

    web::Page p = page(ctx, clerk, "admin/audit", "admin.audit.title", "/admin/audit");
    ctemplate::TemplateDictionary& d = p.dict();
    d.SetValue("USER", user);
    d.SetValue("MUNICIPALITY", municipality);
    domain::FormErrors errors;
    if (userError) errors.add("user", userError);
    if (municipalityError) errors.add("municipality", municipalityError);
    web::showFormErrors(p, errors,
                        {{"user", "USER_ERROR", "admin.audit.user"},
                         {"municipality", "MUNICIPALITY_ERROR", "admin.audit.municipality"}});
    if (userError || municipalityError) return p.render(422);
    d.ShowSection(filter.userId || filter.municipalityId ? "FILTERED" : "OFFICE_WIDE");
    if (found.rows.empty()) d.ShowSection("NO_ROWS");
    else d.ShowSection("ROWS");
    for (const repo::AuditRow& row : found.rows) {
        ctemplate::TemplateDictionary* r = d.AddSectionDictionary("ROW");
        r->SetValue("TIME", row.createdAt);
        r->SetValue("ACTOR", row.actorEmail.empty() ? row.actorLabel : row.actorEmail);
        r->SetValue("ADDRESS", row.clientAddress);
        r->SetValue("ACTION", row.action);
        // Clerks' actions have a name in the page's language; others show their code.
        if (const std::string* text = ctx.app.translator.find(ctx.lang(), "admin.audit.action." + row.action))
            r->SetValueAndShowSection("ACTION_TEXT", *text, "ACTION_NAMED");
        if (!row.targetEmail.empty()) {
            ctemplate::TemplateDictionary* t = r->AddSectionDictionary("TARGET_USER");
            t->SetValue("TARGET_NAME", domain::displayName(row.targetLastName, row.targetFirstName, ctx.lang()));
            t->SetValue("TARGET_EMAIL", row.targetEmail);
        }
        if (!row.taxNumber.empty()) {
            ctemplate::TemplateDictionary* m = r->AddSectionDictionary("TARGET_MUNICIPALITY");
            m->SetValue("MUNICIPALITY_NAME", row.municipalityName);
            m->SetValue("TAX_NUMBER", row.taxNumber);
        }
        showValue(*r, "BEFORE", row.before);
        showValue(*r, "AFTER", row.after);
    }
    if (found.rows.size() == kMaxRows) d.ShowSection("MORE");
    return p.render();
}

}  // namespace ktk::admin
