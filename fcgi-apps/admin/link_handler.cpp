#include "admin/link_handler.h"

#include "admin/admin_area.h"
#include "domain/email.h"
#include "domain/form_errors.h"
#include "domain/org_name.h"
#include "domain/tax_number.h"
#include "web/form_view.h"

namespace ktk::admin {

namespace {

struct LinkForm {
    std::string email;
    std::string taxNumber;
    std::string municipalityName;
};

// Why a link was refused, as a message on the field it concerns.
std::pair<const char*, const char*> refusal(service::AdminOutcome outcome) {
    switch (outcome) {
        case service::AdminOutcome::UnknownUser: return {"email", "admin.error.unknown_user"};
        case service::AdminOutcome::NotAContact: return {"email", "admin.error.clerk_account"};
        case service::AdminOutcome::Pending: return {"email", "admin.error.pending"};
        case service::AdminOutcome::Disabled: return {"email", "admin.error.disabled"};
        case service::AdminOutcome::AlreadyLinked: return {"tax_number", "admin.error.already_linked"};
        case service::AdminOutcome::UnknownMunicipality:
            return {"municipality_name", "admin.error.municipality_name_needed"};
        case service::AdminOutcome::WrongCounty: return {"tax_number", "admin.error.wrong_county"};
        default: return {"email", "admin.error.unknown_user"};
    }
}

web::Response render(web::Context& ctx, const Clerk& clerk, const LinkForm& form, const domain::FormErrors& errors,
                     int status) {
    // The account is described only for an address the portal takes.
    const std::string key = domain::emailKey(form.email);
    struct Data {
        std::optional<repo::Account> account;
        std::vector<repo::Municipality> municipalities;
    };
    Data data = ctx.app.db.transact([&](db::Tx& tx) {
        Data out;
        if (!key.empty()) out.account = repo::findAccount(tx, key);
        out.municipalities = repo::listMunicipalities(tx, clerk.officeId);
        return out;
    });

    web::Page p = page(ctx, clerk, "admin/link", "admin.link.title", "/admin/link");
    ctemplate::TemplateDictionary& d = p.dict();
    d.SetValue("EMAIL", form.email);
    d.SetValue("TAX_NUMBER", form.taxNumber);
    d.SetValue("MUNICIPALITY_NAME", form.municipalityName);
    d.SetValue("OFFICE_NAME", clerk.officeName);
    // Only an account the clerk may see is described.
    if (data.account && repo::withinOffice(*data.account, clerk.officeId)) {
        ctemplate::TemplateDictionary* summary = d.AddSectionDictionary("ACCOUNT");
        showAccount(ctx, *summary, *data.account);
        if (!data.account->confirmedAt) summary->ShowSection("ACCOUNT_PENDING");
    }
    if (data.municipalities.empty()) {
        d.ShowSection("NO_MUNICIPALITIES");
    } else {
        ctemplate::TemplateDictionary* list = d.AddSectionDictionary("MUNICIPALITIES");
        for (const auto& m : data.municipalities) {
            ctemplate::TemplateDictionary* row = list->AddSectionDictionary("MUNICIPALITY_ROW");
            row->SetValue("MUNICIPALITY_NAME", m.name);
            row->SetValue("TAX_NUMBER", m.taxNumber);
            row->SetIntValue("CONTACTS", m.contacts);
            ctemplate::TemplateDictionary* option = d.AddSectionDictionary("OPTION");
            option->SetValue("TAX_NUMBER", m.taxNumber);
            option->SetValue("MUNICIPALITY_NAME", m.name);
        }
    }
    // In page order, so that the error summary lists problems top to bottom.
    web::showFormErrors(p, errors,
                        {{"email", "EMAIL_ERROR", "admin.link.email"},
                         {"tax_number", "TAX_NUMBER_ERROR", "admin.link.tax_number"},
                         {"municipality_name", "MUNICIPALITY_NAME_ERROR", "admin.link.municipality_name"}});
    return p.render(status);
}

}  // namespace

web::Response LinkHandler::get(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    LinkForm form;
    form.email = domain::trimmed(ctx.req.query("email"));
    if (form.email.size() > domain::kEmailMaxChars) form.email.clear();
    return render(ctx, clerk, form, {}, 200);
}

web::Response LinkHandler::post(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    LinkForm form{ctx.req.form("email"), ctx.req.form("tax_number"), ctx.req.form("municipality_name")};

    domain::FormErrors errors;
    domain::CheckedEmail email = domain::checkEmail(form.email);
    if (email.check != domain::EmailCheck::Ok) errors.add("email", domain::messageKey(email.check));
    domain::TaxNumberResult tax = domain::parseTaxNumber(form.taxNumber);
    if (!tax.ok()) errors.add("tax_number", domain::messageKey(tax.error));
    std::string name;
    if (!domain::trimmed(form.municipalityName).empty()) {
        domain::CheckedName checked = domain::checkOrgName(form.municipalityName);
        if (checked.check != domain::NameCheck::Ok)
            errors.add("municipality_name", domain::orgNameMessageKey(checked.check));
        else name = checked.value;
    }
    if (!errors.empty()) return render(ctx, clerk, form, errors, 422);
    // What the clerk sees again is the canonical form.
    form.taxNumber = tax.canonical;

    service::LinkRequest request{email.key, tax.canonical, name};
    service::AdminResult result =
        service::linkAccount(ctx.app.db, ctx.app.config, ctx.app.views, clerk.actor(ctx), request);
    if (result.outcome == service::AdminOutcome::OutsideOffice) return denied(ctx, clerk);
    if (result.outcome != service::AdminOutcome::Done) {
        auto [field, messageKey] = refusal(result.outcome);
        errors.add(field, messageKey, result.officeCounty);
        return render(ctx, clerk, form, errors, result.outcome == service::AdminOutcome::AlreadyLinked ? 409 : 422);
    }
    return web::Response::redirect(withQuery("/admin", "q", email.value) + "&done=linked");
}

}  // namespace ktk::admin
