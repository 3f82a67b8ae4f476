// Names of district offices and municipalities ("Gödöllői Járási
// Hivatal", "Budapest Főváros XIII. Kerületi Önkormányzat") as the portal
// accepts them: after trimming, 1–200 characters of letters of any script
// with their accents, digits, spaces and the punctuation official names
// use (. , - ' ( ) /), at least one of them a letter. Runs of spaces
// become one space. Control characters and markup characters never pass,
// so a stored name is safe on one line of a mail or a command's output.
#pragma once

#include <string>
#include <string_view>

namespace ktk::domain {

constexpr std::size_t kOrgNameMaxChars = 200;

enum class OrgNameCheck { Ok, Missing, TooLong, Invalid };

struct CheckedOrgName {
    OrgNameCheck check;
    std::string value;  // the normalised name; meaningful only when Ok
};

CheckedOrgName checkOrgName(std::string_view raw);

// The message key shown for a problem ("" for Ok).
const char* messageKey(OrgNameCheck check);

}  // namespace ktk::domain
