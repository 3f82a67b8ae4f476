#include "domain/org_name.h"

namespace ktk::domain {

namespace {
bool digitOrPunctuation(char32_t c) {
    return (c >= U'0' && c <= U'9') || c == U'.' || c == U',' || c == U'-' || c == U'\'' || c == U'(' || c == U')' ||
           c == U'/';
}
}  // namespace

CheckedName checkOrgName(std::string_view raw) { return normaliseName(raw, kOrgNameMaxChars, digitOrPunctuation); }

const char* orgNameMessageKey(NameCheck check) {
    switch (check) {
        case NameCheck::Ok: return "";
        case NameCheck::Missing: return "validation.org_name.missing";
        case NameCheck::TooLong: return "validation.org_name.too_long";
        case NameCheck::Invalid: return "validation.org_name.invalid";
    }
    return "validation.org_name.invalid";
}

}  // namespace ktk::domain
