#include "web/session_cookie.h"

namespace ktk::web {

namespace {
// HttpOnly, Path=/; under TLS Secure with the __Host- prefix.
Cookie hostCookie(const char* base, std::string value, bool tls) {
    Cookie c;
    c.name = tls ? std::string("__Host-") + base : base;
    c.value = std::move(value);
    c.path = "/";
    c.httpOnly = true;
    c.secure = tls;
    return c;
}
}  // namespace

Cookie sessionCookie(std::string id, bool tls) {
    Cookie c = hostCookie(kSessionCookieName, std::move(id), tls);
    c.sameSite = SameSite::Lax;
    return c;
}

Cookie deviceCookie(std::string token, bool tls, long maxAgeSeconds) {
    Cookie c = hostCookie(kDeviceCookieName, std::move(token), tls);
    c.maxAge = maxAgeSeconds;
    c.sameSite = SameSite::Strict;
    return c;
}

Cookie loginStepCookie(std::string value, bool tls, long maxAgeSeconds) {
    Cookie c = hostCookie(kLoginStepCookieName, std::move(value), tls);
    c.maxAge = maxAgeSeconds;
    c.sameSite = SameSite::Lax;
    return c;
}

}  // namespace ktk::web
