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

}  // namespace ktk::web
