// The administrative contract (hatósági szerződés) of an approved
// application, as a printable document: the parties (office, municipality,
// tax number), the agreed figures and budget, the period, the version it
// rests on, the contract's number and the date of the decision. Both sides
// download the same document; renderPdf (pdf_document.h) sets it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "applications/application_store.h"
#include "applications/negotiation_store.h"
#include "applications/pdf_document.h"
#include "applications/rules_store.h"
#include "domain/lang.h"
#include "view/translator.h"

namespace ktk::applications {

struct Contract {
    std::string contractNumber;
    std::string applicationNumber;
    std::string decidedAt;  // "YYYY-MM-DD HH:MM:SS" UTC
    Parties parties;
    StoredVersion version;  // the agreed version the approval rests on
    std::optional<ProgrammeRow> programme;
};

PdfDocument contractDocument(const Contract& contract, const view::Translator& tr, domain::Lang lang);

// The budget as a section of a document (the application's PDF and the contract).
PdfSection budgetSection(const std::optional<Budget>& budget, const view::Translator& tr, domain::Lang lang);

// The file name a download of the contract gets: its number with "/" as "-".
std::string contractFileName(const std::string& contractNumber);

}  // namespace ktk::applications
