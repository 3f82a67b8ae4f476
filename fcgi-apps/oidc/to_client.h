// The browser sent back to a relying party: a 303 to one of the client's
// registered URIs (never through web::localPath, which keeps our own
// redirects on our site). Used by the authorization and logout answers.
#pragma once

#include <string>

#include "web/response.h"

namespace ktk::oidc_app {

inline web::Response toClient(const std::string& location) {
    web::Response r;
    r.status = 303;
    r.headers.emplace_back("Location", location);
    return r;
}

}  // namespace ktk::oidc_app
