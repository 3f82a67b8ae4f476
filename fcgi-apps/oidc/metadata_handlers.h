// ktk-oidc's public documents: /.well-known/openid-configuration (and its
// RFC 8414 alias) and /oauth2/jwks. Public and cacheable for a few
// minutes, readable from any origin (relying parties in a browser).
#pragma once

#include "oidc/key_store.h"
#include "web/handler.h"

namespace ktk::oidc_app {

class DiscoveryHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

class JwksHandler : public web::Handler {
public:
    explicit JwksHandler(oidc::Keyring& keyring) : keyring_(keyring) {}
    web::Response get(web::Context& ctx) override;

private:
    oidc::Keyring& keyring_;
};

}  // namespace ktk::oidc_app
