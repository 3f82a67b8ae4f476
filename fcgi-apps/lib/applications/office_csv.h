// The office's applications as a spreadsheet (GET /admin/applications.csv
// and `ktk-admin applications export`): one line per application with its
// current figures, the header and the names in one language. The file is
// util::CsvWriter's: UTF-8 with a byte order mark, ';' between cells (what
// Excel in a Hungarian locale expects), formula-like text defused.
#pragma once

#include <string>
#include <vector>

#include "applications/negotiation_store.h"
#include "domain/lang.h"
#include "view/translator.h"

namespace ktk::applications {

// Columns: number, municipality, tax number, title, programme type, state,
// first day, last day, workers, support requested (whole forints, empty
// when not computed), last change (Hungarian time, "YYYY-MM-DD HH:MM:SS").
std::string officeCsv(const std::vector<InboxRow>& rows, const view::Translator& tr, domain::Lang lang);

}  // namespace ktk::applications
