// Free text people type into the portal (an application's title, the
// public task it serves, a message to the office): well-formed UTF-8,
// trimmed, at most a given number of characters, no control character
// except the line breaks of a multi-line field (CR LF and CR become LF).
// Refused as a whole, never cleaned silently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ktk::domain {

enum class TextCheck { Ok, Missing, TooLong, Invalid };

struct CheckedText {
    TextCheck check;
    std::string value;  // normalised; meaningful only when Ok
};

enum class Lines { One, Many };

CheckedText checkFreeText(std::string_view raw, std::size_t maxChars, Lines lines);

// The message key shown for a problem ("" for Ok); TooLong's message
// names the limit through FormErrors' detail.
const char* messageKey(TextCheck check);

}  // namespace ktk::domain
