// ktk-oidc's /oauth2/logout (GET and POST, RP-Initiated Logout 1.0): a
// service that the person leaves asks us to end their KTK session too.
// With a verified id_token_hint of the logged-in person the session ends
// at once; otherwise the person is asked on a page of ours. The browser
// then returns to the service's registered post-logout URI, or to our
// login page saying they logged out.
#pragma once

#include "web/handler.h"

namespace ktk::oidc_app {

class LogoutHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    // A service's own form may post the request; the person's answer on
    // our page carries our token, which post() checks itself.
    bool checksCsrf() const override { return false; }
    std::size_t maxBodyBytes() const override { return 8192; }
    std::vector<std::string> templates() const override { return {"oidc/logout"}; }
};

}  // namespace ktk::oidc_app
