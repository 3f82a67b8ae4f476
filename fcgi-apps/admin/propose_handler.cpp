#include "admin/admin_area.h"
#include "admin/application_handlers.h"
#include "admin/office_page.h"
#include "applications/application_page.h"

namespace ktk::admin {

namespace {

using applications::ActionOutcome;
using applications::OfficeAccess;

// Cost rows the form offers beyond the filled ones (no script needed).
constexpr std::size_t kBlankItems = 3;

// The application's fields in page order, then the reason.
const std::vector<web::FormField> kProposeFields = [] {
    using applications::handlers::kApplicationFields;
    std::vector<web::FormField> fields(std::begin(kApplicationFields), std::end(kApplicationFields));
    fields.push_back({"message", nullptr, "admin.propose.message"});
    return fields;
}();

std::string applicationPath(std::uint64_t id) { return "/admin/applications/" + std::to_string(id); }

web::Response proposeForm(web::Context& ctx, const Clerk& clerk, std::uint64_t id, const std::string& number,
                          std::uint32_t version, const applications::ApplicationForm& form,
                          const std::string& message, const domain::FormErrors& errors, int status) {
    web::Page p = page(ctx, clerk, "applications/form", "admin.propose.title", "/admin/applications");
    ctemplate::TemplateDictionary& d = p.dict();
    d.ShowSection("PROPOSING");
    d.SetValue("ACTION", applicationPath(id) + "/propose");
    d.SetValue("BACK", applicationPath(id));
    d.SetValue("NUMBER", number);
    d.SetIntValue("VERSION", version);
    d.SetValue("TYPED_MESSAGE", message);
    applications::handlers::fillForm(ctx, d, form, applications::formChoices(ctx.app.db), kBlankItems);
    web::showFormErrors(p, errors, kProposeFields.data(), kProposeFields.size());
    return p.render(status);
}

}  // namespace

web::Response ProposeHandler::get(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    const std::uint64_t id = ctx.req.pathId("id");
    const applications::OfficeView office = applications::viewForOffice(ctx.app.db, clerk.officeClerk(ctx), id);
    if (office.access == OfficeAccess::Denied) return denied(ctx, clerk);
    if (office.access != OfficeAccess::Found) return ctx.errorPage(404);
    const applications::StoredApplication& app = office.view->application;
    if (!allowed(app.summary.state, applications::Action::Propose, applications::Party::Office))
        return web::Response::redirect(applicationPath(id));
    return proposeForm(ctx, clerk, id, app.summary.number, app.summary.version, applications::toForm(app.current.fields),
                       "", {}, 200);
}

web::Response ProposeHandler::post(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    const std::uint64_t id = ctx.req.pathId("id");
    const applications::ApplicationForm form = applications::handlers::readForm(ctx.req);
    const std::string message = ctx.req.form("message");
    const std::uint32_t version = loadedVersion(ctx.req);
    applications::ActionResult r = applications::proposeChanges(ctx.app.db, ctx.app.config, ctx.app.views,
                                                                clerk.officeClerk(ctx), id, version, form, message);
    if (r.outcome == ActionOutcome::Done) return web::Response::redirect(applicationPath(id) + "?done=proposed");
    // Refused input stays in the form; anything else is told on the application's page.
    if (r.outcome == ActionOutcome::Invalid) {
        const applications::OfficeView office = applications::viewForOffice(ctx.app.db, clerk.officeClerk(ctx), id);
        const std::string number = office.view ? office.view->application.summary.number : "";
        return proposeForm(ctx, clerk, id, number, version, form, message, r.errors, 422);
    }
    return refusedAction(ctx, clerk, id, r);
}

}  // namespace ktk::admin
