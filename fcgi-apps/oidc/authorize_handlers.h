// ktk-oidc's browser side: /oauth2/authorize (GET and POST, the relying
// party's request), which sends a visitor through our /login and a
// person through our consent page, and answers the client with a code;
// /oauth2/consent (POST, our own form) records the person's answer.
#pragma once

#include "web/handler.h"

namespace ktk::oidc_app {

class AuthorizeHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    // Another site's form posts the request; nothing changes until the
    // person acts on our login or consent page, which carry our token.
    bool checksCsrf() const override { return false; }
    std::size_t maxBodyBytes() const override { return 8192; }
    std::vector<std::string> templates() const override { return {"oidc/error", "oidc/consent", "login/login"}; }
};

class ConsentHandler : public web::Handler {
public:
    web::Response post(web::Context& ctx) override;
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 1024; }
    std::vector<std::string> templates() const override { return {"oidc/error"}; }
};

}  // namespace ktk::oidc_app
