#include "applications/contract_document.h"

#include "applications/application_form.h"
#include "applications/summary_view.h"
#include "util/clock.h"
#include "util/hungarian_time.h"

namespace ktk::applications {

namespace {

const char* const kCategoryKeys[kWageCategories] = {
    "applications.field.headcount_basic", "applications.field.headcount_skilled",
    "applications.field.headcount_leaders", "applications.field.headcount_leaders_skilled"};

}  // namespace

PdfSection budgetSection(const std::optional<Budget>& budget, const view::Translator& tr, domain::Lang lang) {
    const auto t = [&](const char* key) { return tr.get(lang, key); };
    PdfSection section{t("applications.budget.heading"), {}, std::nullopt};
    if (!budget) {
        section.rows.push_back({t("applications.budget.none"), ""});
        return section;
    }
    const Budget& b = *budget;
    PdfTable table{{t("applications.pdf.item"), t("applications.pdf.amount")}, {}, {false, true}};
    for (std::size_t c = 0; c < kWageCategories; ++c)
        table.rows.push_back({t("applications.budget.wage_of") + " " + t(kCategoryKeys[c]), moneyText(lang, b.wage[c])});
    const std::pair<const char*, std::int64_t> rows[] = {
        {"applications.budget.wage", b.wageTotal},
        {"applications.budget.contribution", b.contribution},
        {"applications.budget.wage_support", b.wageSupport},
        {"applications.budget.material_costs", b.materialCosts},
        {"applications.budget.material_cap", b.materialSupportCap},
        {"applications.budget.material_support", b.materialSupport},
        {"applications.budget.total_support", b.totalSupport},
        {"applications.budget.own_share", b.ownShare}};
    for (const auto& [key, amount] : rows) table.rows.push_back({t(key), moneyText(lang, amount)});
    section.table = std::move(table);
    section.rows.push_back({t("applications.pdf.rounding"), t("applications.budget.rounding")});
    return section;
}

PdfDocument contractDocument(const Contract& c, const view::Translator& tr, domain::Lang lang) {
    const auto t = [&](const char* key) { return tr.get(lang, key); };
    const ApplicationForm f = toForm(c.version.fields);
    const std::string decided = util::hungarianTime(util::parseSqlTime(c.decidedAt));
    PdfDocument doc;
    doc.title = t("applications.contract.title") + " " + c.contractNumber;
    doc.subtitleLines = {
        t("applications.contract.number") + " " + c.contractNumber,
        t("applications.contract.application") + " " + c.applicationNumber + " · " + t("applications.version") + " " +
            std::to_string(c.version.version),
        t("applications.contract.date") + " " + decided,
    };

    PdfSection parties{t("applications.contract.parties"), {}, std::nullopt};
    parties.rows.push_back({t("applications.contract.office"), c.parties.officeName});
    parties.rows.push_back({t("applications.contract.office_code"), c.parties.officeCode});
    parties.rows.push_back({t("applications.contract.municipality"), c.parties.municipalityName});
    parties.rows.push_back({t("applications.contract.tax_number"), c.parties.taxNumber});
    doc.sections.push_back(std::move(parties));

    PdfSection subject{t("applications.contract.subject"), {}, std::nullopt};
    const auto row = [&](const char* key, const std::string& value) { subject.rows.push_back({t(key), value}); };
    row("applications.field.title", f.title);
    std::string programme = f.programmeType;
    if (c.programme) programme = lang == domain::Lang::Hu ? c.programme->rules.nameHu : c.programme->rules.nameEn;
    row("applications.field.programme_type", programme);
    row("applications.field.public_task", f.publicTask);
    row("applications.field.work_locations", f.workLocations);
    row("applications.contract.period", f.startDate + " – " + f.endDate);
    row("applications.field.daily_hours", f.dailyHours);
    for (std::size_t i = 0; i < kWageCategories; ++i) row(kCategoryKeys[i], f.headcount[i]);
    row("applications.field.wage_support_pct", f.wageSupportPct);
    row("applications.field.material_support",
        c.version.fields.materialSupport ? moneyText(lang, *c.version.fields.materialSupport) : std::string());
    doc.sections.push_back(std::move(subject));

    PdfSection materials{t("applications.materials.heading"), {}, std::nullopt};
    PdfTable items{{t("applications.field.material_item_name"), t("applications.field.material_item_amount")},
                   {},
                   {false, true}};
    for (const MaterialItem& item : c.version.fields.materialItems)
        items.rows.push_back({item.name, moneyText(lang, item.amount)});
    if (items.rows.empty()) materials.rows.push_back({t("applications.materials.none"), ""});
    else materials.table = std::move(items);
    doc.sections.push_back(std::move(materials));

    doc.sections.push_back(budgetSection(c.version.budget, tr, lang));

    PdfSection basis{t("applications.contract.basis"), {}, std::nullopt};
    basis.rows.push_back({t("applications.contract.law"), t("applications.contract.law_text")});
    if (c.programme && !c.programme->legalSource.empty())
        basis.rows.push_back({t("applications.contract.programme_source"), c.programme->legalSource});
    basis.rows.push_back({t("applications.contract.rests_on"), c.applicationNumber + " · " +
                                                                   t("applications.version") + " " +
                                                                   std::to_string(c.version.version)});
    doc.sections.push_back(std::move(basis));

    doc.footer = c.contractNumber + " · " + c.applicationNumber + " · " + t("applications.version") + " " +
                 std::to_string(c.version.version) + " · " + decided;
    doc.pageLabel = t("applications.pdf.page");
    return doc;
}

std::string contractFileName(const std::string& contractNumber) {
    std::string name;
    for (char ch : contractNumber) name += (ch == '/' ? '-' : ch);
    return name + ".pdf";
}

}  // namespace ktk::applications
