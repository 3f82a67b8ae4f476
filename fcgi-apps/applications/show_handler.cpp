#include "applications/application_handlers.h"
#include "applications/application_page.h"
#include "applications/attachment_service.h"
#include "applications/negotiation_mail.h"
#include "domain/file_type.h"
#include "applications/summary_view.h"
#include "applications/timeline_view.h"

namespace ktk::applications::handlers {

namespace {

// In page order: a refused submission's problems with the fields first
// (their summary links lead to the list of what is missing, whose entries
// lead to the field in the edit form), then the page's own fields.
const std::vector<web::FormField> kActionFields = [] {
    std::vector<web::FormField> fields(std::begin(kApplicationFields), std::end(kApplicationFields));
    fields.push_back({"confirm", nullptr, "applications.submit.confirm"});
    fields.push_back({"reason", nullptr, "applications.withdraw.reason"});
    fields.push_back({"file", nullptr, "applications.attachments.file"});
    fields.push_back({"accept_message", nullptr, "applications.accept.message"});
    fields.push_back({"message", nullptr, "applications.message.label"});
    return fields;
}();

}  // namespace

const char* const kUpdateMails[1] = {kUpdateMail};

web::Response showPage(web::Context& ctx, std::uint64_t id, const domain::FormErrors& errors, int status) {
    std::optional<ApplicationView> view = viewApplication(ctx.app.db, contactOf(ctx), id);
    if (!view) return ctx.errorPage(404);
    const ApplicationSummary& a = view->application.summary;
    const StoredVersion& v = view->application.current;
    const std::vector<ProgrammeRow> programmes = formChoices(ctx.app.db);

    web::Page page = ctx.page("applications/show", "applications.show.title");
    ctemplate::TemplateDictionary& d = page.dict();
    const bool revision = a.state == State::Proposal && v.party == Party::Contact;
    for (const char* notice : {"saved", "submitted", "withdrawn", "stale", "attached", "removed", "accepted", "sent",
                               "changed", "unchanged"})
        if (ctx.req.query(notice) == "1" && status == 200) {
            // A revision's save says what comes next instead.
            if (revision && std::string_view(notice) == "saved") notice = "saved_revision";
            std::string section(notice);
            for (char& c : section)
                if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
            d.ShowSection(section);
        }
    d.SetIntValue("ID", static_cast<long>(id));
    d.SetValue("HEADING", displayTitle(ctx.app.translator, ctx.lang(), a.title));
    d.SetValue("STATE_CODE", std::string(stateCode(a.state)));
    d.SetValue("STATE", stateName(ctx, a.state));
    if (a.number.empty()) d.ShowSection("NO_NUMBER");
    else d.SetValueAndShowSection("NUMBER", a.number, "HAS_NUMBER");
    d.SetIntValue("VERSION", v.version);
    // A proposal is answered in its own box (accept, or revise); a draft is edited.
    const bool proposal = a.state == State::Proposal;
    if (allowed(a.state, Action::Edit, Party::Contact) && !proposal) d.ShowSection("CAN_EDIT");
    // The proposal itself goes back by being accepted; what is submitted is a revision.
    if (allowed(a.state, Action::Submit, Party::Contact) && (!proposal || revision))
        d.AddSectionDictionary("CAN_SUBMIT")->ShowSection(revision ? "SUBMIT_REVISION" : "SUBMIT_FIRST");
    if (allowed(a.state, Action::Withdraw, Party::Contact)) {
        ctemplate::TemplateDictionary* w = d.AddSectionDictionary("CAN_WITHDRAW");
        w->SetValue("REASON", ctx.req.form("reason"));
    }

    fillVersion(ctx, d, *view, programmes);
    if ((a.state == State::Draft || revision) && !view->missing.empty()) {
        ctemplate::TemplateDictionary* missing = d.AddSectionDictionary("MISSING");
        for (const web::FormField& field : kApplicationFields)
            if (const std::string* key = view->missing.find(field.name)) {
                std::string message = ctx.tr(*key);
                if (const std::string* detail = view->missing.detail(field.name))
                    if (std::size_t at = message.find("{}"); at != std::string::npos) message.replace(at, 2, *detail);
                ctemplate::TemplateDictionary* item = missing->AddSectionDictionary("PROBLEM");
                item->SetValue("FIELD", field.name);
                item->SetValue("LABEL", ctx.tr(field.labelKey));
                item->SetValue("MESSAGE", message);
            }
    }
    if (view->attachments.empty()) d.ShowSection("NO_ATTACHMENTS");
    for (const AttachmentInfo& file : view->attachments) {
        ctemplate::TemplateDictionary* row = d.AddSectionDictionary("ATTACHMENT");
        row->SetIntValue("NUMBER", file.number);
        row->SetValue("NAME", file.name);
        row->SetValue("SIZE", fileSize(ctx, file.size));
        if (!file.submitted && allowed(a.state, Action::Edit, Party::Contact))
            row->ShowSection("REMOVABLE");
    }
    if (allowed(a.state, Action::Edit, Party::Contact) && view->attachments.size() < kMaxAttachments) {
        std::string hint = ctx.tr("applications.attachments.hint");
        for (std::size_t limit : {kMaxAttachmentMegabytes, std::size_t{kMaxAttachments}})
            if (std::size_t at = hint.find("{}"); at != std::string::npos) hint.replace(at, 2, std::to_string(limit));
        d.AddSectionDictionary("CAN_ATTACH")->SetValue("HINT", hint);
    }
    fillNegotiation(ctx, d, *view);
    web::showFormErrors(page, errors, kActionFields.data(), kActionFields.size());
    return page.render(status);
}

web::Response ShowHandler::get(web::Context& ctx) { return showPage(ctx, ctx.req.pathId("id"), {}, 200); }

std::vector<std::string> ShowHandler::templates() const { return {"applications/show", kTimelineTemplate}; }

std::vector<std::string> SubmitHandler::templates() const {
    return web::pagesAndMails({"applications/show", kTimelineTemplate}, kSubmitMails);
}

// The pages of the actions that tell the other side (negotiation_mail.h).
std::vector<std::string> WithdrawHandler::templates() const {
    return web::pagesAndMails({"applications/show", kTimelineTemplate}, kUpdateMails);
}

web::Response answerAction(web::Context& ctx, std::uint64_t id, const ActionResult& r, const std::string& done,
                           const std::string& stale) {
    switch (r.outcome) {
        case ActionOutcome::Done: return web::Response::redirect(applicationPath(id) + done);
        case ActionOutcome::NotFound:
        case ActionOutcome::Denied: return ctx.errorPage(404);
        case ActionOutcome::NotAllowed:
        case ActionOutcome::Decided: return web::Response::redirect(applicationPath(id));
        case ActionOutcome::Stale: return web::Response::redirect(applicationPath(id) + stale);
        case ActionOutcome::Invalid: return showPage(ctx, id, r.errors, 422);
    }
    return ctx.errorPage(500);
}

web::Response SubmitHandler::post(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id");
    const std::uint32_t version = formVersion(ctx.req).value_or(0);
    const ActionResult r = submitApplication(ctx.app.db, ctx.app.config, ctx.app.views, contactOf(ctx), id, version,
                                             ctx.req.form("confirm") == "yes");
    return answerAction(ctx, id, r, "?submitted=1", "?stale=1");
}

web::Response WithdrawHandler::post(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id");
    const ActionResult r = withdrawApplication(ctx.app.db, ctx.app.config, ctx.app.views, contactOf(ctx), id,
                                               ctx.req.form("reason"));
    return answerAction(ctx, id, r, "?withdrawn=1", "");
}

web::Response AttachHandler::post(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id");
    const web::UploadedFile* sent = ctx.req.upload("file");
    Upload file;
    if (sent) file = {sent->name, sent->data};
    AttachResult r = addAttachment(ctx.app.db, contactOf(ctx), id, sent ? &file : nullptr);
    switch (r.outcome) {
        case AttachOutcome::Added: return web::Response::redirect(applicationPath(id) + "?attached=1#attachments");
        case AttachOutcome::NotFound: return ctx.errorPage(404);
        case AttachOutcome::NotAllowed:
        case AttachOutcome::Removed: return web::Response::redirect(applicationPath(id));
        case AttachOutcome::Invalid: return showPage(ctx, id, r.errors, 422);
    }
    return ctx.errorPage(500);
}

web::Response DetachHandler::post(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id"), n = ctx.req.pathId("n");
    if (n > 0xFFFF) return ctx.errorPage(404);
    switch (removeAttachment(ctx.app.db, contactOf(ctx), id, static_cast<std::uint32_t>(n))) {
        case AttachOutcome::Removed: return web::Response::redirect(applicationPath(id) + "?removed=1#attachments");
        case AttachOutcome::NotFound: return ctx.errorPage(404);
        case AttachOutcome::Added:
        case AttachOutcome::Invalid:
        case AttachOutcome::NotAllowed: break;
    }
    return web::Response::redirect(applicationPath(id) + "#attachments");
}

web::Response AttachmentHandler::get(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id"), n = ctx.req.pathId("n");
    // Numbers are SMALLINT: a bigger one names no attachment (and must not wrap onto one).
    std::optional<StoredAttachment> file =
        n <= 0xFFFF ? downloadAttachment(ctx.app.db, contactOf(ctx), id, static_cast<std::uint32_t>(n)) : std::nullopt;
    if (!file) return ctx.errorPage(404);
    web::Response r;
    r.contentType = file->info.mediaType;
    r.body = std::move(file->bytes);
    r.headers.emplace_back("Content-Disposition", domain::contentDisposition(file->info.name));
    return r;
}

}  // namespace ktk::applications::handlers
