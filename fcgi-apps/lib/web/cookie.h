// Set-Cookie lines written by us: cgicc's HTTPCookie cannot say HttpOnly or
// SameSite. Values are ours (hex or base64url), so no quoting is needed;
// anything else is refused rather than emitted.
#pragma once

#include <string>
#include <string_view>

namespace ktk::web {

enum class SameSite { Lax, Strict };

struct Cookie {
    std::string name;
    std::string value;
    std::string path = "/";
    long maxAge = -1;  // -1: until the browser closes; 0: delete now
    bool httpOnly = true;
    bool secure = false;
    SameSite sameSite = SameSite::Lax;

    // The Set-Cookie header value. Throws std::invalid_argument when the
    // name or value holds a character a cookie must not carry.
    std::string serialize() const;

    static Cookie expired(std::string name, bool secure);
};

// The value of cookie `name` in a Cookie request header, or "" when absent.
std::string findCookie(std::string_view header, std::string_view name);

}  // namespace ktk::web
