// What the provider says about itself: the discovery document (OpenID
// Connect Discovery 1.0, RFC 8414) and the JWKS (RFC 7517), both built
// from the configured base URL (the issuer) and the published keys.
#pragma once

#include <string>
#include <vector>

#include "oidc/jose.h"
#include "util/json.h"

namespace ktk::oidc {

// The scopes and the claims each one gives (the ID token's and userinfo's).
extern const std::vector<std::string> kScopes;

// What a scope beyond openid lets a service read, as the consent page and
// the Security tab's connected services say it: scope, message key.
struct ScopeText {
    const char* scope;
    const char* key;
};
extern const ScopeText kScopeTexts[4];

util::Json discoveryDocument(const std::string& issuer);
util::Json jwks(const std::vector<Key>& keys);

}  // namespace ktk::oidc
