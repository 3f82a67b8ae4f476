#include "domain/org_name.h"

#include "util/unicode.h"

namespace ktk::domain {

namespace {
bool punctuation(char32_t c) {
    return c == U'.' || c == U',' || c == U'-' || c == U'\'' || c == U'(' || c == U')' || c == U'/';
}
}  // namespace

CheckedOrgName checkOrgName(std::string_view raw) {
    std::optional<std::u32string> decoded = util::decodeUtf8(raw);
    if (!decoded) return {OrgNameCheck::Invalid, {}};
    std::u32string out;
    bool letter = false, pendingSpace = false;
    for (char32_t c : *decoded) {
        if (c == U' ') {
            pendingSpace = !out.empty();
            continue;
        }
        bool ok = util::isLetter(c) || (c >= U'0' && c <= U'9') || punctuation(c) ||
                  // A decomposed accent belongs to the letter before it.
                  (util::isCombiningMark(c) && !out.empty() && !pendingSpace && util::isLetter(out.back()));
        if (!ok) return {OrgNameCheck::Invalid, {}};
        if (pendingSpace) out += U' ';
        pendingSpace = false;
        letter = letter || util::isLetter(c);
        out += c;
    }
    if (out.empty()) return {OrgNameCheck::Missing, {}};
    if (out.size() > kOrgNameMaxChars) return {OrgNameCheck::TooLong, {}};
    if (!letter) return {OrgNameCheck::Invalid, {}};
    return {OrgNameCheck::Ok, util::encodeUtf8(out)};
}

const char* messageKey(OrgNameCheck check) {
    switch (check) {
        case OrgNameCheck::Ok: return "";
        case OrgNameCheck::Missing: return "validation.org_name.missing";
        case OrgNameCheck::TooLong: return "validation.org_name.too_long";
        case OrgNameCheck::Invalid: return "validation.org_name.invalid";
    }
    return "validation.org_name.invalid";
}

}  // namespace ktk::domain
