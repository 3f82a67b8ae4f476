// E-mail addresses as the portal keeps them: trimmed as typed for display
// and mail, plus a lowercase key that makes one account per address.
#pragma once

#include <string>
#include <string_view>

namespace ktk::domain {

// Leading and trailing ASCII whitespace removed.
std::string trimmed(std::string_view text);

// The lookup key of an address: trimmed and lowercased (ASCII; addresses
// are ASCII once validated).
std::string emailKey(std::string_view email);

constexpr std::size_t kEmailMaxChars = 254;

enum class EmailCheck { Ok, Missing, TooLong, Invalid };

struct CheckedEmail {
    EmailCheck check;
    std::string value;  // trimmed, as typed; meaningful only when Ok
};

// A practical addr-spec: local@domain, ASCII, at most 254 characters; a
// dot-atom local part of at most 64 characters (no quoted strings); a
// domain of at least two LDH labels with an alphabetic or xn-- top label
// (no address literals). Never a leading '-' (it would read as an option
// to sendmail), never CR, LF, NUL or any other control or space.
CheckedEmail checkEmail(std::string_view raw);

// The message key shown for a problem ("" for Ok).
const char* messageKey(EmailCheck check);

// The part before the '@' of a validated address.
std::string_view localPart(std::string_view email);

}  // namespace ktk::domain
