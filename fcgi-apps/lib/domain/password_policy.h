// The one password policy of the portal (registration, password change and
// reset): 8–128 characters (never truncated), with a lowercase letter, an
// uppercase letter and a digit (letters of any script count); any
// character but a control character; not in the shipped list of common
// passwords; not containing the user's last name, first name or the local
// part of their e-mail address (ignoring case and accents). The result is
// a value; the password itself is never stored or logged here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ktk::domain {

constexpr std::size_t kPasswordMinChars = 8;
constexpr std::size_t kPasswordMaxChars = 128;

enum class PasswordCheck {
    Ok,
    Missing,
    TooShort,
    TooLong,
    NotPrintable,  // a control character or bytes that are not UTF-8
    NeedsLowercase,
    NeedsUppercase,
    NeedsDigit,
    Common,
    ContainsPersonalData,
};

// The common-password list (one password a line, '#' comments), kept as
// one sorted block of folded (lowercased, accent-free) entries: a few
// hundred kilobytes, loaded only by the programs that check passwords.
class CommonPasswords {
public:
    CommonPasswords() = default;
    // Throws std::runtime_error when the file cannot be read or is empty.
    static CommonPasswords load(const std::string& path);
    static CommonPasswords fromText(std::string_view text);

    // `password` is folded before the lookup.
    bool contains(std::string_view password) const;
    std::size_t size() const { return offsets_.size(); }

private:
    std::string text_;                  // the folded entries, each followed by '\n'
    std::vector<std::uint32_t> offsets_;  // start of each entry, in sorted order
};

// What the password must not contain.
struct PersonalData {
    std::string_view lastName;
    std::string_view firstName;
    std::string_view email;
};

PasswordCheck checkPassword(std::string_view password, const PersonalData& person, const CommonPasswords& common);

// The message key shown for a problem ("" for Ok).
const char* messageKey(PasswordCheck check);

}  // namespace ktk::domain
