// Telephone numbers, stored in one canonical form: E.164 ("+36301234567").
// Hungarian numbers are checked against the national numbering plan
// (Budapest 1 + 7 digits; mobile 20, 21, 30, 31, 50, 70 + 7 digits; other
// area and service codes + 6 digits) and may be typed in the usual ways:
// "06 30 123 4567", "+36-30-123-4567", "0630/1234567", "(06 1) 234-5678",
// "+36 (0)1 234 5678", or without any prefix. Other countries need their
// "+" or "00" prefix and are checked only for E.164's shape (8–15 digits).
#pragma once

#include <string>
#include <string_view>

namespace ktk::domain {

enum class PhoneCheck { Ok, Missing, Invalid };

struct CheckedPhone {
    PhoneCheck check;
    std::string e164;  // meaningful only when Ok
};

CheckedPhone checkPhone(std::string_view raw);

// The message key shown for a problem ("" for Ok).
const char* messageKey(PhoneCheck check);

}  // namespace ktk::domain
