#include "oidc/claims.h"

#include "oidc/grants.h"
#include "oidc/key_store.h"

namespace ktk::oidc {

util::Json userClaims(const repo::Account& a, const std::string& sub, const std::string& scope) {
    util::Json c;
    c["sub"] = sub;
    if (hasScope(scope, "profile")) {
        c["name"] = a.lastName + " " + a.firstName;
        c["family_name"] = a.lastName;
        c["given_name"] = a.firstName;
        c["locale"] = domain::code(a.language);
    }
    if (hasScope(scope, "email")) {
        c["email"] = a.email;
        c["email_verified"] = a.confirmedAt.has_value();
    }
    if (hasScope(scope, "phone") && !a.phone.empty()) c["phone_number"] = a.phone;
    if (hasScope(scope, "ktk")) {
        c["ktk_role"] = a.clerk ? "clerk" : "contact";
        if (!a.clerk && a.municipality)
            c["ktk_municipality"] = {{"name", a.municipality->name}, {"tax_number", a.municipality->taxNumber}};
        if (a.clerk && a.officeId) c["ktk_office"] = {{"id", *a.officeId}, {"name", a.officeName}};
    }
    return c;
}

std::string idToken(const Key& key, const IdTokenFacts& f, const util::Json& user) {
    util::Json t;
    t["iss"] = f.issuer;
    t["sub"] = user.at("sub");
    t["aud"] = f.clientId;
    t["exp"] = f.now + kIdTokenSeconds;
    t["iat"] = f.now;
    t["auth_time"] = f.authTime;
    if (!f.nonce.empty()) t["nonce"] = f.nonce;
    t["sid"] = f.sid;
    t["azp"] = f.clientId;
    for (auto it = user.begin(); it != user.end(); ++it)
        if (it.key() != "sub") t[it.key()] = it.value();
    return signJwt(key, t);
}

}  // namespace ktk::oidc
