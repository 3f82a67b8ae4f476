// The office's comparison of two versions and its copy of the contract.
#include <limits>

#include "admin/admin_area.h"
#include "admin/application_handlers.h"
#include "applications/contract_document.h"
#include "applications/pdf_document.h"
#include "applications/version_diff.h"

namespace ktk::admin {

web::Response OfficeDiffHandler::get(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    const std::uint64_t id = ctx.req.pathId("id"), a = ctx.req.pathId("a"), b = ctx.req.pathId("b");
    // Versions are INT UNSIGNED: a bigger number names none (and must not wrap onto one).
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint32_t>::max();
    if (a > kMax || b > kMax) return ctx.errorPage(404);
    const applications::OfficeVersions found = applications::officeVersions(
        ctx.app.db, clerk.officeClerk(ctx), id, static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b));
    if (found.access == applications::OfficeAccess::Denied) return denied(ctx, clerk);
    if (!found.pair) return ctx.errorPage(404);
    const std::vector<applications::ProgrammeRow> programmes = applications::formChoices(ctx.app.db);
    web::Page p = page(ctx, clerk, "admin/compare", "applications.diff.title", "/admin/applications");
    ctemplate::TemplateDictionary& d = p.dict();
    d.SetIntValue("ID", static_cast<long>(id));
    d.SetValue("NUMBER", found.number);
    applications::DiffContext context;
    context.versionsBase = "/admin/applications/" + std::to_string(id) + "/versions/";
    context.newest = found.pair->newest;
    context.visible = found.visible;
    context.programmes = &programmes;
    applications::addDiff(d, "DIFF", ctx.app.translator, ctx.lang(), found.pair->a, found.pair->b,
                          applications::diffVersions(found.pair->a, found.pair->b), context);
    return p.render();
}

web::Response OfficeContractHandler::get(web::Context& ctx) {
    const Clerk clerk = clerkOf(ctx);
    const applications::OfficeContract found =
        applications::contractForOffice(ctx.app.db, clerk.officeClerk(ctx), ctx.req.pathId("id"));
    if (found.access == applications::OfficeAccess::Denied) return denied(ctx, clerk);
    if (!found.contract) return ctx.errorPage(404);
    web::Response r;
    r.body = applications::renderPdf(applications::contractDocument(*found.contract, ctx.app.translator, ctx.lang()),
                                     ctx.app.config.pdfFont);
    r.contentType = "application/pdf";
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"" + applications::contractFileName(found.contract->contractNumber) +
                               "\"");
    return r;
}

}  // namespace ktk::admin
