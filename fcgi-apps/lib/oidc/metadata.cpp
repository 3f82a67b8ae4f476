#include "oidc/metadata.h"

namespace ktk::oidc {

const std::vector<std::string> kScopes = {"openid", "profile", "email", "phone", "ktk"};

const ScopeText kScopeTexts[4] = {{"profile", "oidc.consent.scope.profile"},
                                  {"email", "oidc.consent.scope.email"},
                                  {"phone", "oidc.consent.scope.phone"},
                                  {"ktk", "oidc.consent.scope.ktk"}};

util::Json discoveryDocument(const std::string& issuer) {
    const std::string o = issuer + "/oauth2/";
    return {
        {"issuer", issuer},
        {"authorization_endpoint", o + "authorize"},
        {"token_endpoint", o + "token"},
        {"userinfo_endpoint", o + "userinfo"},
        {"jwks_uri", o + "jwks"},
        {"revocation_endpoint", o + "revoke"},
        {"introspection_endpoint", o + "introspect"},
        {"end_session_endpoint", o + "logout"},
        {"scopes_supported", kScopes},
        {"response_types_supported", {"code"}},
        {"response_modes_supported", {"query"}},
        {"grant_types_supported", {"authorization_code", "refresh_token"}},
        {"subject_types_supported", {"public"}},
        {"id_token_signing_alg_values_supported", {"RS256", "ES256"}},
        {"token_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post", "none"}},
        {"revocation_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post", "none"}},
        {"introspection_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post"}},
        {"code_challenge_methods_supported", {"S256"}},
        {"prompt_values_supported", {"none", "login", "consent"}},
        {"claims_supported",
         {"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "sid", "name", "family_name", "given_name",
          "locale", "email", "email_verified", "phone_number", "ktk_role", "ktk_municipality", "ktk_office"}},
        {"ui_locales_supported", {"hu", "en"}},
        {"claims_parameter_supported", false},
        {"request_parameter_supported", false},
        {"request_uri_parameter_supported", false},
        {"authorization_response_iss_parameter_supported", true},
        {"backchannel_logout_supported", true},
        {"backchannel_logout_session_supported", true},
    };
}

util::Json jwks(const std::vector<Key>& keys) {
    util::Json list = util::Json::array();
    for (const Key& k : keys) list.push_back(k.publicJwk());
    return {{"keys", list}};
}

}  // namespace ktk::oidc
