// ktk-oidc's token side, which the servers of the sibling services call
// (no CSRF token of ours: a client authenticates with its credentials, a
// resource request with a bearer token):
//   POST /oauth2/token       authorization_code and refresh_token grants
//                            (RFC 6749 §4.1.3, §6; OpenID Connect Core §3.1.3)
//   GET|POST /oauth2/userinfo the person's claims for a bearer access token
//   POST /oauth2/revoke      RFC 7009
//   POST /oauth2/introspect  RFC 7662, for confidential clients
// Every answer is JSON and never cached; errors follow RFC 6749 §5.2.
#pragma once

#include "oidc/key_store.h"
#include "web/handler.h"

namespace ktk::oidc_app {

class TokenEndpoint : public web::Handler {
public:
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    bool checksCsrf() const override { return false; }
};

class TokenHandler : public TokenEndpoint {
public:
    explicit TokenHandler(oidc::Keyring& keyring) : keyring_(keyring) {}
    web::Response post(web::Context& ctx) override;

private:
    oidc::Keyring& keyring_;
};

class UserinfoHandler : public TokenEndpoint {
public:
    bool acceptsGet() const override { return true; }
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
};

class RevokeHandler : public TokenEndpoint {
public:
    web::Response post(web::Context& ctx) override;
};

class IntrospectHandler : public TokenEndpoint {
public:
    web::Response post(web::Context& ctx) override;
};

}  // namespace ktk::oidc_app
