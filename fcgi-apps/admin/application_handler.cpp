#include "admin/admin_area.h"
#include "admin/application_handlers.h"
#include "admin/office_page.h"
#include "applications/timeline_view.h"
#include "applications/application_page.h"
#include "applications/summary_view.h"
#include "domain/file_type.h"
#include "util/clock.h"
#include "util/hungarian_time.h"
#include "web/form_view.h"

namespace ktk::admin {

namespace {

using applications::Action;
using applications::ActionOutcome;
using applications::OfficeAccess;
using applications::Party;
using applications::State;

// In page order: the decision's fields, then the message's.
const web::FormField kPageFields[] = {
    {"decision", nullptr, "admin.decide.decision"},
    {"reason", nullptr, "admin.decide.reason"},
    {"confirm", nullptr, "admin.decide.confirm"},
    {"message", nullptr, "admin.message.label"},
};

// The notices a redirect after an action may ask for (?done=…).
const char* doneSection(std::string_view done) {
    if (done == "proposed") return "PROPOSED";
    if (done == "approved") return "APPROVED";
    if (done == "rejected") return "REJECTED";
    if (done == "message") return "MESSAGE_SENT";
    return nullptr;
}

std::string applicationPath(std::uint64_t id) { return "/admin/applications/" + std::to_string(id); }

}  // namespace

std::uint32_t loadedVersion(const web::Request& req) {
    const std::string v = req.form("version");
    if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos) return 0;
    return static_cast<std::uint32_t>(std::stoul(v));
}

web::Response applicationPage(web::Context& ctx, const Clerk& clerk, const applications::OfficeView& office,
                              const domain::FormErrors& errors, const char* notice, int status) {
    if (office.access == OfficeAccess::Denied) return denied(ctx, clerk);
    if (office.access != OfficeAccess::Found) return ctx.errorPage(404);
    const applications::ApplicationView& view = *office.view;
    const applications::ApplicationSummary& a = view.application.summary;
    const std::uint64_t id = a.id;

    web::Page p = page(ctx, clerk, "admin/application", "admin.application.title", "/admin/applications");
    ctemplate::TemplateDictionary& d = p.dict();
    if (notice) d.ShowSection(notice);
    d.SetIntValue("ID", static_cast<long>(id));
    d.SetValue("HEADING", applications::displayTitle(ctx.app.translator, ctx.lang(), view.application.current.fields.title));
    d.SetValue("STATE_CODE", std::string(applications::stateCode(a.state)));
    d.SetValue("STATE", applications::handlers::stateName(ctx, a.state));
    d.SetValue("NUMBER", a.number);
    d.SetIntValue("SHOWN_VERSION", view.application.current.version);
    d.SetIntValue("VERSION", a.version);  // what the forms send back: the row's version
    if (!view.decision.contractNumber.empty())
        d.SetValueAndShowSection("CONTRACT_NUMBER", view.decision.contractNumber, "HAS_CONTRACT");
    if (!view.decision.decidedAt.empty())
        d.SetValueAndShowSection("DECIDED_AT", util::hungarianTime(util::parseSqlTime(view.decision.decidedAt)),
                                 "DECIDED");
    d.SetValue("MUNICIPALITY", office.parties->municipalityName);
    d.SetValue("TAX_NUMBER", office.parties->taxNumber);
    d.SetValue("OFFICE", office.parties->officeName);

    const std::vector<applications::ProgrammeRow> programmes = applications::formChoices(ctx.app.db);
    applications::handlers::fillVersion(ctx, d, view, programmes);

    if (view.attachments.empty()) d.ShowSection("NO_ATTACHMENTS");
    for (const applications::AttachmentInfo& file : view.attachments) {
        ctemplate::TemplateDictionary* row = d.AddSectionDictionary("ATTACHMENT");
        row->SetIntValue("NUMBER", file.number);
        row->SetValue("NAME", file.name);
        row->SetValue("SIZE", applications::handlers::fileSize(ctx, file.size));
    }
    applications::addTimeline(d, "TIMELINE", ctx.app.translator, ctx.lang(), applications::timelineOf(view),
                              "/admin/applications/" + std::to_string(id) + "/versions/");

    // The actions the state table gives the office now.
    if (allowed(a.state, Action::Propose, Party::Office)) d.ShowSection("CAN_PROPOSE");
    const bool approve = allowed(a.state, Action::Approve, Party::Office);
    const bool reject = allowed(a.state, Action::Reject, Party::Office);
    if (approve || reject) {
        ctemplate::TemplateDictionary* decide = d.AddSectionDictionary("CAN_DECIDE");
        const std::string chosen = ctx.req.form("decision");
        if (approve) {
            ctemplate::TemplateDictionary* o = decide->AddSectionDictionary("APPROVE_OPTION");
            if (chosen == "approve" || !reject) o->ShowSection("CHECKED");
        }
        if (reject) {
            ctemplate::TemplateDictionary* o = decide->AddSectionDictionary("REJECT_OPTION");
            if (chosen == "reject" || !approve) o->ShowSection("CHECKED");
        }
        decide->SetValue("REASON", ctx.req.form("reason"));
    }
    if (allowed(a.state, Action::Message, Party::Office))
        d.AddSectionDictionary("CAN_MESSAGE")->SetValue("TYPED_MESSAGE", ctx.req.form("message"));
    web::showFormErrors(p, errors, kPageFields);
    return p.render(status);
}

web::Response OfficeApplicationHandler::get(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    const applications::OfficeView office = applications::openForOffice(
        ctx.app.db, ctx.app.config, ctx.app.views, clerk.officeClerk(ctx), ctx.req.pathId("id"));
    return applicationPage(ctx, clerk, office, {}, doneSection(ctx.req.query("done")), 200);
}

web::Response refusedAction(web::Context& ctx, const Clerk& clerk, std::uint64_t id,
                            const applications::ActionResult& result) {
    const char* notice = nullptr;
    int status = 409;
    switch (result.outcome) {
        case ActionOutcome::Denied: return denied(ctx, clerk);
        case ActionOutcome::NotFound: return ctx.errorPage(404);
        case ActionOutcome::Decided: notice = "ALREADY_DECIDED"; break;
        case ActionOutcome::Stale: notice = "STALE"; break;
        case ActionOutcome::NotAllowed: notice = "NOT_ALLOWED"; break;
        case ActionOutcome::Invalid: status = 422; break;
        case ActionOutcome::Done: return web::Response::redirect(applicationPath(id));
    }
    return applicationPage(ctx, clerk, applications::viewForOffice(ctx.app.db, clerk.officeClerk(ctx), id),
                           result.errors, notice, status);
}

web::Response DecideHandler::post(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    const std::uint64_t id = ctx.req.pathId("id");
    const std::string decision = ctx.req.form("decision");
    applications::ActionResult r;
    if (decision != "approve" && decision != "reject") {
        r.errors.add("decision", "admin.decide.error.decision");
        return refusedAction(ctx, clerk, id, r);
    }
    const bool approve = decision == "approve";
    r = applications::decideApplication(ctx.app.db, ctx.app.config, ctx.app.views, clerk.officeClerk(ctx), id,
                                        loadedVersion(ctx.req),
                                        approve ? applications::Verdict::Approve : applications::Verdict::Reject,
                                        ctx.req.form("reason"), ctx.req.form("confirm") == "yes");
    if (r.outcome == ActionOutcome::Done)
        return web::Response::redirect(applicationPath(id) + (approve ? "?done=approved" : "?done=rejected"));
    return refusedAction(ctx, clerk, id, r);
}

web::Response OfficeMessageHandler::post(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    const std::uint64_t id = ctx.req.pathId("id");
    const applications::ActionResult r = applications::postOfficeMessage(
        ctx.app.db, ctx.app.config, ctx.app.views, clerk.officeClerk(ctx), id, ctx.req.form("message"));
    if (r.outcome == ActionOutcome::Done) return web::Response::redirect(applicationPath(id) + "?done=message#timeline");
    return refusedAction(ctx, clerk, id, r);
}

web::Response OfficeAttachmentHandler::get(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    const std::uint64_t id = ctx.req.pathId("id"), n = ctx.req.pathId("n");
    // Numbers are SMALLINT: a bigger one names none (0 is never given).
    applications::OfficeFile found = applications::officeAttachment(
        ctx.app.db, clerk.officeClerk(ctx), id, n <= 0xFFFF ? static_cast<std::uint32_t>(n) : 0);
    if (found.access == OfficeAccess::Denied) return denied(ctx, clerk);
    if (!found.file) return ctx.errorPage(404);
    web::Response r;
    r.contentType = found.file->info.mediaType;
    r.body = std::move(found.file->bytes);
    r.headers.emplace_back("Content-Disposition", domain::contentDisposition(found.file->info.name));
    return r;
}

}  // namespace ktk::admin
