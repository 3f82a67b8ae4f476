#include "domain/password_policy.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "domain/email.h"
#include "util/unicode.h"

namespace ktk::domain {

namespace {

// Parts of a name or address shorter than this are too common inside
// ordinary passwords to forbid ("Al", "Ős").
constexpr std::size_t kMinPersonalPart = 3;

std::string foldedUtf8(std::string_view text) {
    std::optional<std::u32string> decoded = unicode::decode(text);
    if (!decoded) return {};
    return unicode::encode(unicode::fold(*decoded));
}

// The whole value and each of its parts split at spaces and punctuation.
std::vector<std::u32string> personalParts(std::string_view value) {
    std::vector<std::u32string> parts;
    std::optional<std::u32string> decoded = unicode::decode(value);
    if (!decoded) return parts;
    std::u32string folded = unicode::fold(*decoded);
    if (folded.size() >= kMinPersonalPart) parts.push_back(folded);
    std::u32string current;
    for (char32_t c : folded + U' ') {
        if (unicode::isLetter(c) || (c >= U'0' && c <= U'9') || unicode::isCombiningMark(c)) {
            current += c;
        } else {
            if (current.size() >= kMinPersonalPart && current != folded) parts.push_back(current);
            current.clear();
        }
    }
    return parts;
}

}  // namespace

CommonPasswords CommonPasswords::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the common-password list " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    CommonPasswords list = fromText(ss.str());
    if (list.size() == 0) throw std::runtime_error("the common-password list " + path + " is empty");
    return list;
}

CommonPasswords CommonPasswords::fromText(std::string_view text) {
    std::vector<std::string> entries;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos = end + 1;
        if (line.empty() || line[0] == '#') continue;
        std::string folded = foldedUtf8(line);
        if (!folded.empty()) entries.push_back(std::move(folded));
    }
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    CommonPasswords list;
    std::size_t total = 0;
    for (const auto& e : entries) total += e.size() + 1;
    list.text_.reserve(total);
    list.offsets_.reserve(entries.size());
    for (const auto& e : entries) {
        list.offsets_.push_back(static_cast<std::uint32_t>(list.text_.size()));
        list.text_ += e;
        list.text_ += '\n';
    }
    return list;
}

bool CommonPasswords::contains(std::string_view password) const {
    const std::string key = foldedUtf8(password);
    if (key.empty()) return false;
    auto entry = [this](std::uint32_t offset) {
        std::size_t end = text_.find('\n', offset);
        return std::string_view(text_).substr(offset, end - offset);
    };
    auto it = std::lower_bound(offsets_.begin(), offsets_.end(), key,
                               [&](std::uint32_t offset, const std::string& k) { return entry(offset) < k; });
    return it != offsets_.end() && entry(*it) == key;
}

PasswordCheck checkPassword(std::string_view password, const PersonalData& person, const CommonPasswords& common) {
    if (password.empty()) return PasswordCheck::Missing;
    std::optional<std::u32string> chars = unicode::decode(password);
    if (!chars) return PasswordCheck::NotPrintable;
    for (char32_t c : *chars)
        if (unicode::isControl(c)) return PasswordCheck::NotPrintable;
    if (chars->size() < kPasswordMinChars) return PasswordCheck::TooShort;
    if (chars->size() > kPasswordMaxChars) return PasswordCheck::TooLong;
    bool lower = false, upper = false, digit = false;
    for (char32_t c : *chars) {
        lower = lower || unicode::isLower(c);
        upper = upper || unicode::isUpper(c);
        digit = digit || (c >= U'0' && c <= U'9');
    }
    if (!lower) return PasswordCheck::NeedsLowercase;
    if (!upper) return PasswordCheck::NeedsUppercase;
    if (!digit) return PasswordCheck::NeedsDigit;

    const std::u32string folded = unicode::fold(*chars);
    for (std::string_view source : {person.lastName, person.firstName, localPart(person.email)})
        for (const auto& part : personalParts(source))
            if (folded.find(part) != std::u32string::npos) return PasswordCheck::ContainsPersonalData;
    if (common.contains(password)) return PasswordCheck::Common;
    return PasswordCheck::Ok;
}

const char* messageKey(PasswordCheck check) {
    switch (check) {
        case PasswordCheck::Ok: return "";
        case PasswordCheck::Missing: return "validation.password.missing";
        case PasswordCheck::TooShort: return "validation.password.too_short";
        case PasswordCheck::TooLong: return "validation.password.too_long";
        case PasswordCheck::NotPrintable: return "validation.password.not_printable";
        case PasswordCheck::NeedsLowercase: return "validation.password.needs_lowercase";
        case PasswordCheck::NeedsUppercase: return "validation.password.needs_uppercase";
        case PasswordCheck::NeedsDigit: return "validation.password.needs_digit";
        case PasswordCheck::Common: return "validation.password.common";
        case PasswordCheck::ContainsPersonalData: return "validation.password.personal";
    }
    return "validation.password.missing";
}

}  // namespace ktk::domain
