#include "site/portal.h"

namespace ktk::site {

web::Site portal() {
    web::Site s;
    s.loginPath = "/login";
    s.logoutPath = "/logout";
    s.languagePath = "/language";
    s.contactHome = "/home";
    s.clerkHome = "/admin";
    s.profilePath = "/profile";
    s.securityPath = "/profile/security";
    s.linkedContactPath = "/applications";
    return s;
}

}  // namespace ktk::site
