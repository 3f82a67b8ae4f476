// Names of district offices and municipalities ("Gödöllői Járási
// Hivatal", "Budapest Főváros XIII. Kerületi Önkormányzat") as the portal
// accepts them (normalised like every name, domain/name.h): 1–200
// characters of letters of any script with their accents, digits, spaces
// and the punctuation official names use (. , - ' ( ) /), at least one of
// them a letter. Control characters and markup characters never pass, so a
// stored name is safe on one line of a mail or a command's output.
#pragma once

#include <string_view>

#include "domain/name.h"

namespace ktk::domain {

constexpr std::size_t kOrgNameMaxChars = 200;

CheckedName checkOrgName(std::string_view raw);

// The message key shown for a problem ("" for Ok).
const char* orgNameMessageKey(NameCheck check);

}  // namespace ktk::domain
