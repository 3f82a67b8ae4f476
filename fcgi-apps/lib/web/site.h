// What the shared web layer needs to know of the site it serves, given by
// each program (lib/site has the portal's): where a visitor logs in, where
// each role starts, the user bar's links, and what a logged-in user gets
// on a route their role may not use. The web layer itself knows no path.
#pragma once

#include <functional>
#include <string>

#include "web/response.h"

namespace ktk::web {

class Context;

struct Site {
    std::string loginPath;     // a visitor is sent here (…?expired=1 after an expired session)
    std::string logoutPath;    // the user bar's logout form posts here
    std::string languagePath;  // a logged-in user's language switch posts here
    std::string contactHome;   // a contact's start page
    std::string clerkHome;     // a clerk's start page
    std::string profilePath;   // the user bar's *Adataim*
    std::string securityPath;  // the user bar's *Biztonság*
    std::string linkedContactPath;  // the user bar's link for a contact linked to a municipality (*Kérelmek*)
    // A logged-in user on a route their role may not use. Unset: to the
    // user's start page.
    std::function<Response(Context&)> refuse;

    const std::string& home(bool clerk) const { return clerk ? clerkHome : contactHome; }
};

}  // namespace ktk::web
