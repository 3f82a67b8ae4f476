#include "domain/phone.h"

#include "domain/email.h"

namespace ktk::domain {

namespace {

constexpr std::size_t kMaxTyped = 40;

// A Hungarian national significant number (no 06 / +36 in front).
bool validHungarian(const std::string& nsn) {
    if (nsn.empty() || nsn[0] == '0') return false;
    if (nsn[0] == '1') return nsn.size() == 8;  // Budapest
    if (nsn.size() < 2) return false;
    const std::string code = nsn.substr(0, 2);
    for (const char* mobile : {"20", "21", "30", "31", "50", "70"})
        if (code == mobile) return nsn.size() == 9;
    return nsn.size() == 8;
}

}  // namespace

CheckedPhone checkPhone(std::string_view raw) {
    std::string typed = trimmed(raw);
    if (typed.empty()) return {PhoneCheck::Missing, {}};
    if (typed.size() > kMaxTyped) return {PhoneCheck::Invalid, {}};

    bool international = false;
    std::size_t i = 0;
    if (typed[0] == '+') {
        international = true;
        i = 1;
    }
    std::string digits;
    for (; i < typed.size(); ++i) {
        char c = typed[i];
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c == '(' && international && typed.compare(i, 3, "(0)") == 0) {
            // "+36 (0)1 …": the bracketed trunk zero is not dialled from abroad.
            i += 2;
        } else if (c != ' ' && c != '-' && c != '/' && c != '.' && c != '(' && c != ')') {
            return {PhoneCheck::Invalid, {}};
        }
    }
    if (!international && digits.compare(0, 2, "00") == 0) {
        international = true;
        digits.erase(0, 2);
    }

    if (international) {
        if (digits.compare(0, 2, "36") == 0) {
            std::string nsn = digits.substr(2);
            if (!validHungarian(nsn)) return {PhoneCheck::Invalid, {}};
            return {PhoneCheck::Ok, "+36" + nsn};
        }
        if (digits.size() < 8 || digits.size() > 15 || digits[0] == '0') return {PhoneCheck::Invalid, {}};
        return {PhoneCheck::Ok, "+" + digits};
    }
    if (digits.compare(0, 2, "06") == 0) {
        std::string nsn = digits.substr(2);
        if (!validHungarian(nsn)) return {PhoneCheck::Invalid, {}};
        return {PhoneCheck::Ok, "+36" + nsn};
    }
    if (validHungarian(digits)) return {PhoneCheck::Ok, "+36" + digits};
    // "36 30 123 4567": the country code without its "+".
    if (digits.compare(0, 2, "36") == 0 && validHungarian(digits.substr(2))) return {PhoneCheck::Ok, "+" + digits};
    return {PhoneCheck::Invalid, {}};
}

const char* messageKey(PhoneCheck check) {
    switch (check) {
        case PhoneCheck::Ok: return "";
        case PhoneCheck::Missing: return "validation.phone.missing";
        case PhoneCheck::Invalid: return "validation.phone.invalid";
    }
    return "validation.phone.invalid";
}

}  // namespace ktk::domain
