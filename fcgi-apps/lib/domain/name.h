// Personal names (last name, first name) as the portal accepts and shows
// them: after trimming, 1–100 characters of letters of any script with
// their accents, spaces, '.', '-' and '\'', at least one of them a letter.
// Runs of spaces become one space. Control characters (CR, LF, NUL, …)
// never pass, so a stored name is safe in a mail header and on one line.
// How a name is shown (its order) is domain/person_name.h.
#pragma once

#include <string>
#include <string_view>

namespace ktk::domain {

constexpr std::size_t kNameMaxChars = 100;

enum class NameCheck { Ok, Missing, TooLong, Invalid };

struct CheckedName {
    NameCheck check;
    std::string value;  // the normalised name; meaningful only when Ok
};

// The one normaliser behind every kind of name (personal names here,
// office and municipality names in org_name.h): after trimming, at most
// `maxChars` code points of letters of any script with their accents,
// spaces and the other characters `alsoAllowed` takes, at least one of
// them a letter; runs of spaces become one space; anything else refuses
// the whole name (never silently dropped).
CheckedName normaliseName(std::string_view raw, std::size_t maxChars, bool (*alsoAllowed)(char32_t));

CheckedName checkName(std::string_view raw);

// The message key shown for a problem ("" for Ok).
const char* messageKey(NameCheck check);

}  // namespace ktk::domain
