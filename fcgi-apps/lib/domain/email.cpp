#include "domain/email.h"

namespace ktk::domain {

std::string trimmed(std::string_view text) {
    const char* ws = " \t\r\n\f\v";
    std::size_t b = text.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    std::size_t e = text.find_last_not_of(ws);
    return std::string(text.substr(b, e - b + 1));
}

}  // namespace ktk::domain

namespace ktk::domain {

namespace {

bool isAtext(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '/':
        case '=': case '?': case '^': case '_': case '`': case '{': case '|': case '}': case '~': case '-':
            return true;
        default:
            return false;
    }
}

bool validLocal(std::string_view local) {
    if (local.empty() || local.size() > 64) return false;
    if (local.front() == '.' || local.back() == '.') return false;
    char prev = 0;
    for (char c : local) {
        if (c == '.') {
            if (prev == '.') return false;
        } else if (!isAtext(c)) {
            return false;
        }
        prev = c;
    }
    return true;
}

bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isAlnum(char c) { return isAlpha(c) || (c >= '0' && c <= '9'); }

bool validDomain(std::string_view domain) {
    if (domain.empty() || domain.size() > 253) return false;
    std::size_t labels = 0, start = 0;
    std::string_view last;
    while (start <= domain.size()) {
        std::size_t dot = domain.find('.', start);
        if (dot == std::string_view::npos) dot = domain.size();
        std::string_view label = domain.substr(start, dot - start);
        if (label.empty() || label.size() > 63) return false;
        if (label.front() == '-' || label.back() == '-') return false;
        for (char c : label)
            if (!isAlnum(c) && c != '-') return false;
        ++labels;
        last = label;
        start = dot + 1;
    }
    if (labels < 2) return false;
    // Top-level domains are letters, or an IDN in its xn-- form.
    if (last.size() >= 4 && (last.substr(0, 4) == "xn--" || last.substr(0, 4) == "XN--")) return true;
    if (last.size() < 2) return false;
    for (char c : last)
        if (!isAlpha(c)) return false;
    return true;
}

}  // namespace

CheckedEmail checkEmail(std::string_view raw) {
    // Spaces around a pasted address are forgiven; control characters
    // anywhere, even at the edges, are not.
    for (char c : raw) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) return {EmailCheck::Invalid, {}, {}};
    }
    std::string value = trimmed(raw);
    if (value.empty()) return {EmailCheck::Missing, {}, {}};
    if (value.size() > kEmailMaxChars) return {EmailCheck::TooLong, {}, {}};
    if (value.front() == '-') return {EmailCheck::Invalid, {}, {}};
    std::size_t at = value.find('@');
    if (at == std::string::npos || value.find('@', at + 1) != std::string::npos) return {EmailCheck::Invalid, {}, {}};
    std::string_view v(value);
    if (!validLocal(v.substr(0, at)) || !validDomain(v.substr(at + 1))) return {EmailCheck::Invalid, {}, {}};
    // Only ASCII is left, so lowercasing ASCII is the whole case folding.
    std::string key = value;
    for (char& ch : key)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return {EmailCheck::Ok, std::move(value), std::move(key)};
}

std::optional<EmailAddress> normaliseEmail(std::string_view raw) {
    CheckedEmail checked = checkEmail(raw);
    if (checked.check != EmailCheck::Ok) return std::nullopt;
    return EmailAddress{std::move(checked.value), std::move(checked.key)};
}

std::string emailKey(std::string_view raw) { return checkEmail(raw).key; }

const char* messageKey(EmailCheck check) {
    switch (check) {
        case EmailCheck::Ok: return "";
        case EmailCheck::Missing: return "validation.email.missing";
        case EmailCheck::TooLong: return "validation.email.too_long";
        case EmailCheck::Invalid: return "validation.email.invalid";
    }
    return "validation.email.invalid";
}

std::string_view localPart(std::string_view email) { return email.substr(0, email.rfind('@')); }

}  // namespace ktk::domain
