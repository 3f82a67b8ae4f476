#include "web/session_cookie.h"

namespace ktk::web {

Cookie sessionCookie(std::string id, bool tls) {
    Cookie c;
    c.name = tls ? std::string("__Host-") + kSessionCookieName : kSessionCookieName;
    c.value = std::move(id);
    c.path = "/";
    c.httpOnly = true;
    c.secure = tls;
    c.sameSite = SameSite::Lax;
    return c;
}

Cookie deviceCookie(std::string token, bool tls, long maxAgeSeconds) {
    Cookie c;
    c.name = tls ? std::string("__Host-") + kDeviceCookieName : kDeviceCookieName;
    c.value = std::move(token);
    c.path = "/";
    c.maxAge = maxAgeSeconds;
    c.httpOnly = true;
    c.secure = tls;
    c.sameSite = SameSite::Strict;
    return c;
}

}  // namespace ktk::web
