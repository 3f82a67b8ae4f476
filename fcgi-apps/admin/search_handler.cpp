#include "admin/search_handler.h"

#include "admin/admin_area.h"
#include "domain/email.h"
#include "repo/second_factor.h"

namespace ktk::admin {

namespace {

constexpr std::size_t kMaxResults = 50;

// The messages an action's redirect may ask for; anything else shows none.
const char* doneKey(std::string_view done) {
    if (done == "linked") return "admin.done.linked";
    if (done == "unlinked") return "admin.done.unlinked";
    if (done == "disabled") return "admin.done.disabled";
    if (done == "enabled") return "admin.done.enabled";
    if (done == "two_factor_reset") return "admin.done.two_factor_reset";
    if (done == "email_change") return "admin.done.email_change";
    return nullptr;
}

void addAction(ctemplate::TemplateDictionary& row, const std::string& url, const std::string& label) {
    ctemplate::TemplateDictionary* a = row.AddSectionDictionary("ACTION");
    a->SetValue("URL", url);
    a->SetValue("LABEL", label);
}

}  // namespace

web::Response SearchHandler::get(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);

    std::string q = domain::trimmed(ctx.req.query("q"));
    if (q.size() > kMaxQueryChars) q.resize(kMaxQueryChars);
    // One more than shown tells whether there were more. Whose second
    // factor is on decides whether its reset is offered.
    bool more = false;
    std::vector<bool> secondFactorOn;
    auto found = ctx.app.db.transact([&](db::Tx& tx) {
        std::vector<repo::Account> accounts = repo::searchForOffice(tx, clerk.officeId, q, kMaxResults + 1);
        more = accounts.size() > kMaxResults;
        if (more) accounts.resize(kMaxResults);
        secondFactorOn.clear();
        for (const auto& a : accounts)
            secondFactorOn.push_back(repo::secondFactorOf(tx, a.id) == repo::SecondFactor::On);
        return accounts;
    });

    web::Page p = page(ctx, clerk, "admin/search", "admin.search.title", "/admin");
    ctemplate::TemplateDictionary& d = p.dict();
    d.SetValue("Q", q);
    if (const char* key = doneKey(ctx.req.query("done"))) d.SetValueAndShowSection("MESSAGE", ctx.tr(key), "DONE");
    d.ShowSection(q.empty() ? "WAITING" : "FOUND");
    if (found.empty()) d.ShowSection(q.empty() ? "NONE_WAITING" : "NONE_FOUND");
    if (more) d.ShowSection("MORE");
    if (!found.empty()) {
        ctemplate::TemplateDictionary* table = d.AddSectionDictionary("RESULTS");
        for (std::size_t i = 0; i < found.size(); ++i) {
            const repo::Account& a = found[i];
            ctemplate::TemplateDictionary* row = table->AddSectionDictionary("ROW");
            showAccount(ctx, *row, a);
            // The actions that fit the account as it is now.
            if (a.confirmedAt && !a.disabledAt)
                addAction(*row, withQuery("/admin/link", "email", a.email),
                          ctx.tr(a.municipality ? "admin.action_relink" : "admin.action_link"));
            if (a.municipality)
                addAction(*row, withQuery("/admin/unlink", "email", a.email), ctx.tr("admin.action_unlink"));
            if (a.disabledAt)
                addAction(*row, withQuery("/admin/enable", "email", a.email), ctx.tr("admin.action_enable"));
            else
                addAction(*row, withQuery("/admin/disable", "email", a.email), ctx.tr("admin.action_disable"));
            if (secondFactorOn[i])
                addAction(*row, withQuery("/admin/reset-two-factor", "email", a.email),
                          ctx.tr("admin.action_reset_two_factor"));
            if (a.confirmedAt && !a.disabledAt)
                addAction(*row, withQuery("/admin/email", "email", a.email), ctx.tr("admin.action_email"));
            addAction(*row, withQuery("/admin/audit", "user", a.email), ctx.tr("admin.action_audit"));
        }
    }
    return p.render();
}

}  // namespace ktk::admin
