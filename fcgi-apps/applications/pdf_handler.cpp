#include "applications/application_handlers.h"
#include "applications/application_page.h"
#include "applications/contract_document.h"
#include "applications/pdf_document.h"
#include "domain/person_name.h"
#include "util/clock.h"
#include "util/hungarian_time.h"

namespace ktk::applications::handlers {

namespace {

// The current version as a document for the municipality's archive and
// signature: who, every field, the budget, the version.
PdfDocument documentOf(web::Context& ctx, const ApplicationView& view, const std::vector<ProgrammeRow>& programmes) {
    const repo::Account& user = ctx.loggedIn();
    const ApplicationSummary& a = view.application.summary;
    const StoredVersion& v = view.application.current;
    const ApplicationForm f = toForm(v.fields);
    PdfDocument doc;
    doc.title = ctx.tr("applications.pdf.title") + (a.number.empty() ? "" : " " + a.number);
    doc.subtitleLines = {
        ctx.tr("applications.pdf.municipality") + " " + user.municipality->name,
        ctx.tr("applications.pdf.tax_number") + " " + user.municipality->taxNumber,
        ctx.tr("applications.pdf.contact") + " " + domain::displayName(user.lastName, user.firstName, ctx.lang()) +
            ", " + user.email + (user.phone.empty() ? "" : ", " + user.phone),
        ctx.tr("applications.col.state") + ": " + stateName(ctx, a.state) + " · " + ctx.tr("applications.version") +
            " " + std::to_string(v.version),
    };
    PdfSection details{ctx.tr("applications.details.heading"), {}, std::nullopt};
    const auto row = [&](const char* key, const std::string& value) { details.rows.push_back({ctx.tr(key), value}); };
    row("applications.field.title", f.title);
    row("applications.field.programme_type", programmeName(ctx, programmes, f.programmeType));
    row("applications.field.public_task", f.publicTask);
    row("applications.field.work_locations", f.workLocations);
    row("applications.field.start_date", f.startDate);
    row("applications.field.end_date", f.endDate);
    row("applications.field.daily_hours", f.dailyHours);
    row("applications.field.headcount_basic", f.headcount[0]);
    row("applications.field.headcount_skilled", f.headcount[1]);
    row("applications.field.headcount_leaders", f.headcount[2]);
    row("applications.field.headcount_leaders_skilled", f.headcount[3]);
    row("applications.field.wage_support_pct", f.wageSupportPct);
    row("applications.field.material_support",
        v.fields.materialSupport ? money(ctx, *v.fields.materialSupport) : std::string());
    doc.sections.push_back(std::move(details));

    PdfSection materials{ctx.tr("applications.materials.heading"), {}, std::nullopt};
    PdfTable items{{ctx.tr("applications.field.material_item_name"), ctx.tr("applications.field.material_item_amount")},
                   {},
                   {false, true}};
    for (const MaterialItem& item : v.fields.materialItems) items.rows.push_back({item.name, money(ctx, item.amount)});
    if (items.rows.empty()) materials.rows.push_back({ctx.tr("applications.materials.none"), ""});
    else materials.table = std::move(items);
    doc.sections.push_back(std::move(materials));

    doc.sections.push_back(budgetSection(view.budget, ctx.app.translator, ctx.lang()));

    PdfSection attachments{ctx.tr("applications.attachments.heading"), {}, std::nullopt};
    for (const AttachmentInfo& file : view.attachments)
        attachments.rows.push_back({std::to_string(file.number) + ".", file.name + " (" + fileSize(ctx, file.size) + ")"});
    if (attachments.rows.empty()) attachments.rows.push_back({ctx.tr("applications.attachments.none"), ""});
    doc.sections.push_back(std::move(attachments));
    doc.footer = (a.number.empty() ? ctx.tr("applications.no_number") : a.number) + " · " +
                 ctx.tr("applications.version") + " " + std::to_string(v.version) + " · " +
                 ctx.tr("applications.pdf.generated") + " " + util::hungarianTime(util::now());
    doc.pageLabel = ctx.tr("applications.pdf.page");
    return doc;
}

}  // namespace

web::Response PdfHandler::get(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id");
    std::optional<ApplicationView> view = viewApplication(ctx.app.db, contactOf(ctx), id);
    if (!view) return ctx.errorPage(404);
    web::Response r;
    r.body = renderPdf(documentOf(ctx, *view, formChoices(ctx.app.db)), ctx.app.config.pdfFont);
    r.contentType = "application/pdf";
    const std::string& number = view->application.summary.number;
    const std::string name = (number.empty() ? "KTK-" + std::to_string(id) : number) + "-v" +
                             std::to_string(view->application.current.version) + ".pdf";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return r;
}

web::Response ContractHandler::get(web::Context& ctx) {
    const std::uint64_t id = ctx.req.pathId("id");
    std::optional<Contract> contract = contractForContact(ctx.app.db, contactOf(ctx), id);
    if (!contract) return ctx.errorPage(404);
    web::Response r;
    r.body = renderPdf(contractDocument(*contract, ctx.app.translator, ctx.lang()), ctx.app.config.pdfFont);
    r.contentType = "application/pdf";
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"" + contractFileName(contract->contractNumber) + "\"");
    return r;
}

}  // namespace ktk::applications::handlers
