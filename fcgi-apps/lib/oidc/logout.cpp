#include "oidc/logout.h"

namespace ktk::oidc {

namespace {

// The client an ID token was issued to: its `aud`, a string or an array
// of one (ours never carry more); `azp` is not needed.
std::string audienceOf(const util::Json& claims) {
    const auto aud = claims.find("aud");
    if (aud == claims.end()) return "";
    if (aud->is_string()) return aud->get<std::string>();
    if (aud->is_array() && aud->size() == 1 && (*aud)[0].is_string()) return (*aud)[0].get<std::string>();
    return "";
}

std::string stringClaim(const util::Json& claims, const char* name) {
    const auto it = claims.find(name);
    return it != claims.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

LogoutRequest readLogout(const std::function<std::string(std::string_view)>& param,
                         const std::function<std::optional<util::Json>(std::string_view)>& verifiedClaims,
                         const std::function<std::optional<Client>(std::string_view)>& findClient) {
    LogoutRequest r;
    std::string clientId = param("client_id");
    const std::string hint = param("id_token_hint");
    if (!hint.empty()) {
        if (std::optional<util::Json> claims = verifiedClaims(hint)) {
            const std::string aud = audienceOf(*claims);
            // A client_id beside the hint must be the hint's own (§2).
            if (!aud.empty() && (clientId.empty() || clientId == aud)) {
                clientId = aud;
                r.hintSubject = stringClaim(*claims, "sub");
            } else {
                clientId.clear();
            }
        } else {
            clientId.clear();  // a hint that does not verify: nobody is named
        }
    }
    if (!clientId.empty()) {
        std::optional<Client> client = findClient(clientId);
        if (client && client->enabled()) r.client = std::move(client);
    }
    if (!r.client) {
        r.hintSubject.clear();
        return r;
    }
    const std::string uri = param("post_logout_redirect_uri");
    if (!uri.empty() && uri == r.client->postLogoutRedirectUri) {
        r.redirectUri = uri;
        r.state = param("state");
    }
    return r;
}

}  // namespace ktk::oidc
