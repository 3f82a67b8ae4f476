#include "applications/office_csv.h"

#include "applications/summary_view.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/hungarian_time.h"

namespace ktk::applications {

std::string officeCsv(const std::vector<InboxRow>& rows, const view::Translator& tr, domain::Lang lang) {
    util::CsvWriter csv;
    for (const char* key : {"applications.col.number", "admin.col.municipality", "admin.col.tax_number",
                            "applications.col.title", "applications.col.programme", "applications.col.state",
                            "applications.field.start_date", "applications.field.end_date",
                            "applications.col.headcount", "applications.col.support", "applications.col.updated"})
        csv.text(tr.get(lang, key));
    csv.endRow();
    for (const InboxRow& row : rows) {
        const ApplicationSummary& a = row.summary;
        const std::string& programme = lang == domain::Lang::Hu ? a.programmeNameHu : a.programmeNameEn;
        csv.text(a.number).text(row.municipalityName).text(row.taxNumber).text(a.title);
        csv.text(programme.empty() ? a.programmeType : programme).text(stateName(tr, lang, a.state));
        csv.text(a.startDate).text(a.endDate).number(static_cast<std::int64_t>(a.headcount));
        if (a.requestedSupport) csv.number(*a.requestedSupport);
        else csv.empty();
        csv.text(util::hungarianTimeIso(a.updatedAt));
        csv.endRow();
    }
    return csv.str();
}

}  // namespace ktk::applications
