// The Cookie request header (web::findCookie, behind Request::cookie) and
// the Set-Cookie lines we write (web::Cookie::serialize). Input: the
// header, then a cookie name, then a value (fields separated by the
// scissors line, tests/fuzz/fuzz_support.h).
#include <stdexcept>
#include <string>

#include "fuzz_support.h"
#include "web/cookie.h"

namespace {

bool isToken(std::string_view s) {
    if (s.empty()) return false;
    for (unsigned char c : s)
        if (c <= 0x20 || c >= 0x7f || std::string_view("()<>@,;:\\\"/[]?={}").find(c) != std::string_view::npos)
            return false;
    return true;
}

bool isCookieValue(std::string_view s) {
    for (unsigned char c : s)
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto in = ktk::fuzz::fields(data, size, 3);
    std::string_view header = in[0], name = in[1], value = in[2];

    // A value found is a stretch of the header, up to a ';'.
    std::string found = ktk::web::findCookie(header, name);
    FUZZ_CHECK(found.size() <= header.size());
    FUZZ_CHECK(found.find(';') == std::string::npos);
    FUZZ_CHECK(found.empty() || header.find(found) != std::string_view::npos);

    ktk::web::Cookie cookie;
    cookie.name = std::string(name);
    cookie.value = std::string(value);
    std::string line;
    try {
        line = cookie.serialize();
    } catch (const std::invalid_argument&) {
        // Refused: only when the name or value may not be sent as it is.
        FUZZ_CHECK(!isToken(name) || !isCookieValue(value));
        return 0;
    }
    FUZZ_CHECK(isToken(name) && isCookieValue(value));
    // Nothing in a Set-Cookie line may end the header.
    FUZZ_CHECK(line.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos);
    // What we set is what the browser sends back and we read: alone, after
    // another cookie, and before one.
    FUZZ_CHECK(ktk::web::findCookie(std::string(name) + "=" + std::string(value), name) == value);
    std::string other = name == "ktk_other" ? "ktk_else" : "ktk_other";
    FUZZ_CHECK(ktk::web::findCookie(other + "=x; " + std::string(name) + "=" + std::string(value) + "; z=1", name) ==
               value);
    return 0;
}
