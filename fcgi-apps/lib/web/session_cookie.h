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

// The device cookie (service/device_token.h): base name; under TLS
// "__Host-ktk_device".
constexpr const char* kDeviceCookieName = "ktk_device";

// The Set-Cookie for a device token: HttpOnly, SameSite=Strict (only the
// site's own login form sends it), Path=/, kept for `maxAgeSeconds`; under
// TLS Secure with the __Host- prefix.
Cookie deviceCookie(std::string token, bool tls, long maxAgeSeconds);

// The pending second step of a login (repo/login_steps.h): base name;
// under TLS "__Host-ktk_login_step".
constexpr const char* kLoginStepCookieName = "ktk_login_step";

// The Set-Cookie for a pending second step: HttpOnly, SameSite=Lax,
// Path=/, as long as the step lives (`maxAgeSeconds`); under TLS Secure
// with the __Host- prefix, as the session cookie.
Cookie loginStepCookie(std::string value, bool tls, long maxAgeSeconds);

}  // namespace ktk::web
