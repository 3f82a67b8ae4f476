// The claims the provider states about a person, by scope: the ID
// token's and userinfo's (the two always agree), and the ID token itself.
#pragma once

#include <cstdint>
#include <string>

#include "oidc/jose.h"
#include "repo/accounts.h"
#include "util/json.h"

namespace ktk::oidc {

// The person's claims for `scope` (space-separated):
//   openid   sub
//   profile  name ("Kovács Anna", the Hungarian order), family_name,
//            given_name, locale ("hu" or "en")
//   email    email, email_verified
//   phone    phone_number
//   ktk      ktk_role ("contact" or "clerk"), ktk_municipality
//            ({"name", "tax_number"}, a linked contact's), ktk_office
//            ({"id", "name"}, a clerk's)
util::Json userClaims(const repo::Account& account, const std::string& sub, const std::string& scope);

struct IdTokenFacts {
    std::string issuer;
    std::string clientId;
    std::string nonce;  // empty: none
    std::string sid;
    std::int64_t authTime = 0;
    std::int64_t now = 0;
};

// The signed ID token: iss, sub, aud, exp (10 minutes), iat, auth_time,
// nonce (when the request had one), sid, azp, then the user's claims.
std::string idToken(const Key& key, const IdTokenFacts& facts, const util::Json& userClaims);

}  // namespace ktk::oidc
