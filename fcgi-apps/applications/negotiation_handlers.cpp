// The municipality's answers in the negotiation (SPEC §7): accepting the
// office's proposal, a message on the timeline, and the comparison of two
// versions. Revising is the edit form and the submission (form_handlers,
// show_handler).
#include <limits>

#include "applications/application_handlers.h"
#include "applications/application_page.h"
#include "applications/timeline_view.h"
#include "applications/version_diff.h"

namespace ktk::applications::handlers {

namespace {

constexpr const char* kCompareTemplate = "applications/compare";

}  // namespace

std::vector<std::string> AcceptHandler::templates() const {
    return web::pagesAndMails({"applications/show", kTimelineTemplate}, kUpdateMails);
}

web::Response AcceptHandler::post(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id");
    ActionResult r = acceptProposal(ctx.app.db, ctx.app.config, ctx.app.views, contactOf(ctx), id,
                                    formVersion(ctx.req).value_or(0), ctx.req.form("message"));
    // This form's message field is `accept_message` on the page (the
    // message form below has its own `message`).
    if (r.outcome == ActionOutcome::Invalid) {
        domain::FormErrors errors;
        for (const auto& [field, key] : r.errors.all()) {
            const std::string* detail = r.errors.detail(field);
            errors.add(field == "message" ? "accept_message" : field, key, detail ? *detail : "");
        }
        r.errors = std::move(errors);
    }
    // Stale: another proposal, or a revision saved meanwhile; the page shows what is there now.
    return answerAction(ctx, id, r, "?accepted=1", "?changed=1");
}

std::vector<std::string> MessageHandler::templates() const {
    return web::pagesAndMails({"applications/show", kTimelineTemplate}, kUpdateMails);
}

web::Response MessageHandler::post(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id");
    const ActionResult r =
        postContactMessage(ctx.app.db, ctx.app.config, ctx.app.views, contactOf(ctx), id, ctx.req.form("message"));
    return answerAction(ctx, id, r, "?sent=1#timeline", "");
}

std::vector<std::string> DiffHandler::templates() const { return {kCompareTemplate, kDiffTemplate}; }

web::Response DiffHandler::get(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id"), a = ctx.req.pathId("a"), b = ctx.req.pathId("b");
    // Versions are INT UNSIGNED: a bigger number names none (and must not wrap onto one).
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint32_t>::max();
    std::optional<VersionPair> pair =
        a <= kMax && b <= kMax ? contactVersions(ctx.app.db, contactOf(ctx), id, static_cast<std::uint32_t>(a),
                                                 static_cast<std::uint32_t>(b))
                               : std::nullopt;
    if (!pair) return ctx.errorPage(404);
    const std::vector<ProgrammeRow> programmes = formChoices(ctx.app.db);
    web::Page page = ctx.page(kCompareTemplate, "applications.diff.title");
    ctemplate::TemplateDictionary& d = page.dict();
    d.SetIntValue("ID", static_cast<long>(id));
    DiffContext context;
    context.versionsBase = applicationPath(id) + "/versions/";
    context.newest = pair->newest;
    context.programmes = &programmes;
    addDiff(d, "DIFF", ctx.app.translator, ctx.lang(), pair->a, pair->b, diffVersions(pair->a, pair->b), context);
    return page.render();
}

}  // namespace ktk::applications::handlers
