// The one password policy of the portal (registration, password change and
// reset): 8–128 characters (never truncated), with a lowercase letter, an
// uppercase letter and a digit (letters of any script count); any
// character but a control character; not in the shipped list of common
// passwords; not containing the user's last name, first name or the local
// part of their e-mail address (ignoring case and accents). The result is
// a value; the password itself is never stored or logged here.
#pragma once

#include <cstdint>
#include <memory>
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

// The common-password list (one password a line, '#' comments first).
// When its entries are folded (lowercased, accent-free) and sorted in byte
// order, as the shipped list is, a lookup is a binary search in the file
// itself (a few small reads): no process holds a copy. Any other list is
// folded and sorted into memory (a few hundred kilobytes per process).
class CommonPasswords {
public:
    CommonPasswords() = default;
    // Throws std::runtime_error when the file cannot be read or is empty.
    static CommonPasswords load(const std::string& path);
    static CommonPasswords fromText(std::string_view text);

    // `password` is folded before the lookup.
    bool contains(std::string_view password) const;
    std::size_t size() const { return count_; }
    // True: looked up in the file, nothing held in memory.
    bool inPlace() const { return file_ != nullptr; }

private:
    struct File;
    bool containsFolded(const std::string& key) const;
    bool fileContains(const std::string& key) const;

    std::size_t count_ = 0;
    // In memory: the folded entries, each followed by '\n', and the start
    // of each entry, in sorted order.
    std::string text_;
    std::vector<std::uint32_t> offsets_;
    // In place: the open file and where its entries lie.
    std::shared_ptr<const File> file_;
    std::uint64_t begin_ = 0, end_ = 0;
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
