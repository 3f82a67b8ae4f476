// The authorization request (OpenID Connect Core 1.0 §3.1.2, RFC 6749
// §4.1, RFC 7636, RFC 9207): its checks, its keeping while the person
// logs in or consents (migration 0018), and the consents people gave.
//
// The checks come in the order the specifications set: a client or
// redirect URI we cannot trust gets an error page of ours and never a
// redirect; every later problem goes back to the client's redirect URI
// with an error code, its state and our issuer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "oidc/client_store.h"

namespace ktk::oidc {

constexpr std::int64_t kRequestSeconds = 600;  // a login or consent in between may take ten minutes

struct AuthRequest {
    Client client;
    std::string redirectUri;
    std::string scope;  // normalized (grants.h normalizeScope)
    std::string state, nonce, codeChallenge, loginHint;
    std::string prompt;  // "", "none", "login" or "consent"
    std::optional<std::int64_t> maxAge;
    std::int64_t loginAfter = 0;  // 0: any live session; else the login must be at or after this
};

// Where the checks stopped.
struct AuthError {
    bool redirect = false;  // false: our own error page (bad client or redirect URI)
    std::string error;      // the RFC 6749 code ("invalid_request", …); for our page, what was wrong
    std::string description;
};

// Reads and checks the request's parameters (`param` gives one by name,
// "" when absent; `repeated` tells whether it came more than once, which
// RFC 6749 §3.1 forbids). `findClient` looks a client_id up.
struct Checked {
    std::optional<AuthRequest> request;
    AuthError error;  // when there is no request
    // The redirect URI and state an error goes back with (set once the
    // client and redirect URI passed).
    std::string redirectUri, state;
};
Checked checkRequest(const std::function<std::string(std::string_view)>& param,
                     const std::function<bool(std::string_view)>& repeated,
                     const std::function<std::optional<Client>(std::string_view)>& findClient);

// The redirect back to the client: `uri` with `params` added to its query
// (percent-encoded, after what the URI already carries).
std::string redirectTo(const std::string& uri, const std::vector<std::pair<std::string, std::string>>& params);

// The origin of a registered URI ("https://host:port"), for the page's
// form-action (web::Response::formActionOrigin).
std::string originOf(const std::string& uri);

// Keeps the request while the person logs in or consents; returns the
// handle the browser carries (a random token; only its hash is stored).
std::string keepRequest(db::Tx& tx, const AuthRequest& r, std::int64_t now);
// The kept request, if the handle is ours, not expired and not used. The
// client is read again: one disabled meanwhile is not found.
std::optional<AuthRequest> keptRequest(db::Tx& tx, std::string_view handle, std::int64_t now);
// Uses the request up; false when it was used already (a second tab).
bool useRequest(db::Tx& tx, std::string_view handle, std::int64_t now);

// Consent: whether the person let the client have every scope of `scope`;
// remembering (the union with what was given before) and withdrawing.
bool hasConsent(db::Tx& tx, std::uint64_t userId, std::uint64_t clientRef, const std::string& scope);
void giveConsent(db::Tx& tx, std::uint64_t userId, std::uint64_t clientRef, const std::string& scope,
                 std::int64_t now);
struct Consent {
    std::uint64_t clientRef = 0;
    std::string clientId, clientName, scope, grantedAt;
};
std::vector<Consent> consentsOf(db::Tx& tx, std::uint64_t userId);
bool withdrawConsent(db::Tx& tx, std::uint64_t userId, std::uint64_t clientRef);

}  // namespace ktk::oidc
