// E-mail addresses: what the portal takes for one, decided in one place.
//
// checkEmail (and normaliseEmail, the same decision without the reason) is
// the one door for an address from outside: every route and command that
// takes one (login, registration, the forgotten password, the confirmation
// resend, the clerks' link, unlink, disable, enable and audit pages,
// ktk-admin) asks it first, and an address it refuses never reaches a
// query; the route answers it as it answers a wrong address (README,
// "E-mail addresses and other hostile input").
//
// What is accepted: a practical ASCII addr-spec (below). An address with
// other characters ("sé@example.org", RFC 6531) is refused, not converted:
// the lookup key users.email_key is ascii_bin, so are the mail queue's
// recipients, and the mail path (sendmail, msmtp) does not promise
// SMTPUTF8. A domain with accents is accepted in its xn-- form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ktk::domain {

// Leading and trailing ASCII whitespace removed.
std::string trimmed(std::string_view text);

constexpr std::size_t kEmailMaxChars = 254;

enum class EmailCheck { Ok, Missing, TooLong, Invalid };

struct CheckedEmail {
    EmailCheck check;
    std::string value;  // trimmed, as typed: shown and mailed; only when Ok
    std::string key;    // lowercased: users.email_key, one account per address; only when Ok
};

// An address checkEmail accepted.
struct EmailAddress {
    std::string value;  // trimmed, as typed
    std::string key;    // lowercased
};

// A practical addr-spec: local@domain, ASCII, at most 254 characters; a
// dot-atom local part of at most 64 characters (no quoted strings); a
// domain of at least two LDH labels with an alphabetic or xn-- top label
// (no address literals). Never a leading '-' (it would read as an option
// to sendmail), never CR, LF, NUL or any other control or space.
CheckedEmail checkEmail(std::string_view raw);

// checkEmail's decision where the reason does not matter: the address, or
// nullopt for anything checkEmail refuses.
std::optional<EmailAddress> normaliseEmail(std::string_view raw);

// The lookup key of `raw` when checkEmail accepts it, else "" (which names
// no account: repo::findAccount runs no query for it).
std::string emailKey(std::string_view raw);

// The message key shown for a problem ("" for Ok).
const char* messageKey(EmailCheck check);

// The part before the '@' of a validated address.
std::string_view localPart(std::string_view email);

}  // namespace ktk::domain
