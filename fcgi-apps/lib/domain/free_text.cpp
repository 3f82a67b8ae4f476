#include "domain/free_text.h"

#include "util/unicode.h"

namespace ktk::domain {

namespace {

bool isSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == 0xA0; }

}  // namespace

CheckedText checkFreeText(std::string_view raw, std::size_t maxChars, Lines lines) {
    std::optional<std::u32string> decoded = util::decodeUtf8(raw);
    if (!decoded) return {TextCheck::Invalid, {}};
    std::u32string text;
    text.reserve(decoded->size());
    for (std::size_t i = 0; i < decoded->size(); ++i) {
        char32_t c = (*decoded)[i];
        if (c == U'\r') {
            if (i + 1 < decoded->size() && (*decoded)[i + 1] == U'\n') ++i;
            c = U'\n';
        }
        if (c == U'\n' && lines == Lines::One) return {TextCheck::Invalid, {}};
        // Tab is a control character too; in one line it is a space.
        if (c == U'\t' && lines == Lines::One) c = U' ';
        if (c != U'\n' && c != U'\t' && util::isControl(c)) return {TextCheck::Invalid, {}};
        if (util::isDirectionOverride(c)) return {TextCheck::Invalid, {}};
        text.push_back(c);
    }
    std::size_t first = 0, last = text.size();
    while (first < last && isSpace(text[first])) ++first;
    while (last > first && isSpace(text[last - 1])) --last;
    if (first == last) return {TextCheck::Missing, {}};
    if (last - first > maxChars) return {TextCheck::TooLong, {}};
    return {TextCheck::Ok, util::encodeUtf8(std::u32string_view(text).substr(first, last - first))};
}

const char* messageKey(TextCheck check) {
    switch (check) {
        case TextCheck::Ok: return "";
        case TextCheck::Missing: return "validation.text.missing";
        case TextCheck::TooLong: return "validation.text.too_long";
        case TextCheck::Invalid: return "validation.text.invalid";
    }
    return "validation.text.invalid";
}

}  // namespace ktk::domain
