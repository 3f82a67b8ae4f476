#include "domain/name.h"

#include "util/unicode.h"

namespace ktk::domain {

CheckedName normaliseName(std::string_view raw, std::size_t maxChars, bool (*alsoAllowed)(char32_t)) {
    std::optional<std::u32string> decoded = util::decodeUtf8(raw);
    if (!decoded) return {NameCheck::Invalid, {}};
    std::u32string out;
    bool letter = false, pendingSpace = false;
    for (char32_t c : *decoded) {
        if (c == U' ') {
            pendingSpace = !out.empty();
            continue;
        }
        bool ok = util::isLetter(c) || alsoAllowed(c) ||
                  // A decomposed accent belongs to the letter before it.
                  (util::isCombiningMark(c) && !out.empty() && !pendingSpace && util::isLetter(out.back()));
        // Anything else, CR and LF included, refuses the whole name: it
        // is never silently dropped.
        if (!ok) return {NameCheck::Invalid, {}};
        if (pendingSpace) out += U' ';
        pendingSpace = false;
        letter = letter || util::isLetter(c);
        out += c;
    }
    if (out.empty()) return {NameCheck::Missing, {}};
    if (out.size() > maxChars) return {NameCheck::TooLong, {}};
    if (!letter) return {NameCheck::Invalid, {}};
    return {NameCheck::Ok, util::encodeUtf8(out)};
}

CheckedName checkName(std::string_view raw) {
    return normaliseName(raw, kNameMaxChars, [](char32_t c) { return c == U'.' || c == U'-' || c == U'\''; });
}

const char* messageKey(NameCheck check) {
    switch (check) {
        case NameCheck::Ok: return "";
        case NameCheck::Missing: return "validation.name.missing";
        case NameCheck::TooLong: return "validation.name.too_long";
        case NameCheck::Invalid: return "validation.name.invalid";
    }
    return "validation.name.invalid";
}

}  // namespace ktk::domain
