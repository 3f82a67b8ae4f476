#include "web/cookie.h"

#include <stdexcept>

namespace ktk::web {
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

std::string Cookie::serialize() const {
    if (!isToken(name)) throw std::invalid_argument("cookie name");
    if (!isCookieValue(value)) throw std::invalid_argument("cookie value");
    if (path.empty() || path[0] != '/' || !isCookieValue(path)) throw std::invalid_argument("cookie path");
    std::string out = name + "=" + value + "; Path=" + path;
    if (maxAge >= 0) out += "; Max-Age=" + std::to_string(maxAge);
    if (httpOnly) out += "; HttpOnly";
    if (secure) out += "; Secure";
    out += sameSite == SameSite::Strict ? "; SameSite=Strict" : "; SameSite=Lax";
    return out;
}

Cookie Cookie::expired(std::string name, bool secure) {
    Cookie c;
    c.name = std::move(name);
    c.maxAge = 0;
    c.secure = secure;
    return c;
}

std::string findCookie(std::string_view header, std::string_view name) {
    std::size_t pos = 0;
    while (pos < header.size()) {
        while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
        std::size_t end = header.find(';', pos);
        if (end == std::string_view::npos) end = header.size();
        std::string_view pair = header.substr(pos, end - pos);
        std::size_t eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
            std::string_view v = pair.substr(eq + 1);
            while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
            if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
            return std::string(v);
        }
        pos = end + 1;
    }
    return {};
}

}  // namespace ktk::web
