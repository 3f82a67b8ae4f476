#include "domain/email.h"

namespace ktk::domain {

std::string trimmed(std::string_view text) {
    const char* ws = " \t\r\n\f\v";
    std::size_t b = text.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    std::size_t e = text.find_last_not_of(ws);
    return std::string(text.substr(b, e - b + 1));
}

std::string emailKey(std::string_view email) {
    std::string key = trimmed(email);
    for (char& ch : key)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return key;
}

}  // namespace ktk::domain
