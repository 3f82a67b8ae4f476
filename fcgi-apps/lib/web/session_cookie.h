// The session cookie. The session itself lives on the server
// (repo/sessions.h); the browser holds only its random id.
#pragma once

#include <string>

#include "web/cookie.h"

namespace ktk::web {

// The cookie's base name; under TLS it is "__Host-ktk_session".
constexpr const char* kSessionCookieName = "ktk_session";

// The Set-Cookie for a session id: HttpOnly, SameSite=Lax, Path=/, until
// the browser closes (the server decides when it expires); under TLS with
// Secure and the __Host- prefix, which pins it to this host.
Cookie sessionCookie(std::string id, bool tls);

}  // namespace ktk::web
