#include "applications/application_handlers.h"
#include "applications/application_page.h"

namespace ktk::applications::handlers {

namespace {

// Cost rows the form offers beyond the filled ones (no script needed).
constexpr std::size_t kBlankItems = 3;

// In state `proposal` the form revises the office's proposal: it says so,
// with the proposal's reason and the way back to accepting it instead.
void fillRevision(ctemplate::TemplateDictionary& d, const ApplicationView& view) {
    ctemplate::TemplateDictionary* r = d.AddSectionDictionary("REVISION");
    if (const VersionRow* proposal = latestProposal(view)) r->SetIntValue("PROPOSAL_VERSION", proposal->version);
    if (const EventRow* why = latestEvent(view, Action::Propose); why && !why->message.empty())
        r->SetValueAndShowSection("REASON_TEXT", why->message, "HAS_REASON");
}

// The form page: a new draft (id 0) or the edit of version `version` of
// the application `view` shows (nullptr: not loaded, a new draft).
web::Response formPage(web::Context& ctx, std::uint64_t id, std::uint32_t version, const ApplicationForm& form,
                       const domain::FormErrors& errors, const std::optional<StoredVersion>& theirs, int status,
                       const ApplicationView* view = nullptr) {
    const std::vector<ProgrammeRow> programmes = formChoices(ctx.app.db);
    const bool revision = view && view->application.summary.state == State::Proposal;
    web::Page page = ctx.page("applications/form", revision ? "applications.revision.title"
                                                   : id     ? "applications.edit.title"
                                                            : "applications.new.title");
    ctemplate::TemplateDictionary& d = page.dict();
    if (revision) fillRevision(d, *view);
    else d.ShowSection("NOT_REVISION");
    if (id) {
        d.SetValueAndShowSection("ACTION", applicationPath(id) + "/edit", "EDITING");
        d.SetValue("BACK", applicationPath(id));
    } else {
        d.SetValueAndShowSection("ACTION", "/applications/new", "CREATING");
        d.SetValue("BACK", "/applications");
    }
    d.SetIntValue("VERSION", version);
    fillForm(ctx, d, form, programmes, kBlankItems);
    if (theirs) {
        // Their version, read-only, above ours: nothing typed is lost.
        ctemplate::TemplateDictionary* t = d.AddSectionDictionary("THEIRS");
        const ApplicationForm shown = toForm(theirs->fields);
        t->SetIntValue("THEIR_VERSION", theirs->version);
        t->SetValue("THEIR_TIME", theirs->createdAt);
        t->SetValue("THEIR_TITLE", shown.title);
        t->SetValue("THEIR_PROGRAMME", programmeName(ctx, programmes, shown.programmeType));
        t->SetValue("THEIR_PUBLIC_TASK", shown.publicTask);
        t->SetValue("THEIR_WORK_LOCATIONS", shown.workLocations);
        t->SetValue("THEIR_PERIOD", shown.startDate + " – " + shown.endDate);
        t->SetValue("THEIR_DAILY_HOURS", shown.dailyHours);
        t->SetValue("THEIR_HEADCOUNT", shown.headcount[0] + " / " + shown.headcount[1] + " / " + shown.headcount[2] +
                                           " / " + shown.headcount[3]);
        for (std::size_t i = 0; i < shown.itemNames.size(); ++i) {
            ctemplate::TemplateDictionary* item = t->AddSectionDictionary("THEIR_ITEM");
            item->SetValue("NAME", shown.itemNames[i]);
            item->SetValue("AMOUNT", shown.itemAmounts[i]);
        }
        t->SetValue("THEIR_WAGE_SUPPORT_PCT", shown.wageSupportPct);
        t->SetValue("THEIR_MATERIAL_SUPPORT", shown.materialSupport);
    }
    web::showFormErrors(page, errors, kApplicationFields);
    return page.render(status);
}

}  // namespace

web::Response NewHandler::get(web::Context& ctx) { return formPage(ctx, 0, 0, {}, {}, std::nullopt, 200); }

web::Response NewHandler::post(web::Context& ctx) {
    const ApplicationForm form = readForm(ctx.req);
    SaveResult r = createDraft(ctx.app.db, contactOf(ctx), form);
    if (r.outcome == SaveOutcome::Saved) return web::Response::redirect(applicationPath(r.id) + "?saved=1");
    return formPage(ctx, 0, 0, form, r.errors, std::nullopt, 422);
}

web::Response EditHandler::get(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id");
    std::optional<ApplicationView> view = viewApplication(ctx.app.db, contactOf(ctx), id);
    if (!view) return ctx.errorPage(404);
    const ApplicationSummary& a = view->application.summary;
    if (!allowed(a.state, Action::Edit, Party::Contact)) return web::Response::redirect(applicationPath(id));
    return formPage(ctx, id, a.version, toForm(view->application.current.fields), {}, std::nullopt, 200, &*view);
}

web::Response EditHandler::post(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id");
    const ApplicationForm form = readForm(ctx.req);
    const std::optional<std::uint32_t> version = formVersion(ctx.req);
    SaveResult r = saveDraft(ctx.app.db, contactOf(ctx), id, version.value_or(0), form);
    switch (r.outcome) {
        case SaveOutcome::Saved: return web::Response::redirect(applicationPath(id) + "?saved=1");
        case SaveOutcome::NotFound: return ctx.errorPage(404);
        case SaveOutcome::NotEditable: return web::Response::redirect(applicationPath(id));
        case SaveOutcome::Unchanged: return web::Response::redirect(applicationPath(id) + "?unchanged=1#proposal");
        case SaveOutcome::Invalid:
        case SaveOutcome::Stale: break;
    }
    // Refused: the form again, saying whether it revises a proposal.
    const std::optional<ApplicationView> view = viewApplication(ctx.app.db, contactOf(ctx), id);
    if (!view) return ctx.errorPage(404);
    if (r.outcome == SaveOutcome::Invalid)
        return formPage(ctx, id, version.value_or(0), form, r.errors, std::nullopt, 422, &*view);
    if (r.outcome == SaveOutcome::Stale)
        // Ours stays in the form, now based on theirs: saving it again
        // replaces theirs knowingly.
        return formPage(ctx, id, r.version, form, r.errors, r.theirs, 409, &*view);
    return ctx.errorPage(500);
}

}  // namespace ktk::applications::handlers
