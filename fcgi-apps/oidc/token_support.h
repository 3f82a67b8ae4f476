// What the token-side endpoints (/oauth2/token, userinfo, revoke,
// introspect) share: their JSON answers, never cached; the client's
// authentication (RFC 6749 §2.3.1: client_secret_basic or
// client_secret_post, never both; a public client names itself only);
// the rule for whose tokens are honoured; their audit rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.h"
#include "oidc/client_store.h"
#include "repo/accounts.h"
#include "util/json.h"
#include "web/context.h"
#include "web/response.h"

namespace ktk::oidc_app {

// An error of RFC 6749 §5.2 (RFC 6750 §3.1, RFC 7009 §2.2.1): its status,
// code and a fixed description that names nothing of ours.
struct OAuthError {
    int status = 400;
    const char* error = "";
    const char* description = "";
};

extern const OAuthError kInvalidRequest;
extern const OAuthError kInvalidClient;
extern const OAuthError kInvalidGrant;
extern const OAuthError kInvalidScope;
extern const OAuthError kUnsupportedGrantType;
extern const OAuthError kInvalidToken;

// A JSON answer with Cache-Control: no-store and Pragma: no-cache.
web::Response jsonAnswer(int status, const util::Json& body);
// {"error", "error_description"}; invalid_client carries
// WWW-Authenticate: Basic when the client tried Basic.
web::Response errorAnswer(const OAuthError& e, bool basicTried = false);

// The one value of a form field ("" when absent); false when it was sent
// more than once (RFC 6749 §3.2: invalid_request).
bool singleField(const web::Request& req, std::string_view name, std::string& out);

// Parameters of these endpoints travel in the body only (RFC 6749 §2.3.1,
// §3.2): a query string is refused rather than merged into the form.
bool hasQuery(const web::Request& req);

// What the client presented.
struct Credentials {
    enum class Problem {
        None,
        Missing,      // no client_id at all: invalid_client
        Malformed,    // an Authorization header that is no Basic credential: invalid_client
        Conflicting,  // Basic and a client_secret in the body, a client_id repeated or different: invalid_request
    };
    Problem problem = Problem::None;
    bool basic = false;  // sent in Authorization: Basic
    std::string clientId;
    std::string secret;  // "" when none was sent
};
Credentials readCredentials(const web::Request& req);

// The enabled client the credentials stand for: a confidential client
// with its secret (compared in constant time), a public client without
// any; nullopt otherwise.
std::optional<oidc::Client> authenticate(db::Tx& tx, const Credentials& c);

// Whether tokens are issued and honoured for the account now: the login
// page's rule (not disabled, address confirmed, a contact linked to a
// municipality).
bool mayUseServices(const repo::Account& account);

// The bearer token of a request (RFC 6750 §2.1, and §2.2 for a POST's
// form body); Missing when there is none, Malformed when both ways were
// used, the field was repeated or the header is no Bearer credential.
struct Bearer {
    enum class Problem { None, Missing, Malformed };
    Problem problem = Problem::None;
    std::string token;
};
Bearer readBearer(const web::Request& req, bool fromForm);

// One audit row of the token side (actions oidc.token.*, oidc.code.reused,
// oidc.refresh.reused): who (the client, or an unauthenticated caller
// with the client_id it sent), about whom, and why; never a token or a
// secret. Empty fields are left out.
struct TokenEvent {
    std::string action;
    const oidc::Client* client = nullptr;  // authenticated; nullptr: claimedClientId
    std::string claimedClientId;
    std::optional<std::uint64_t> userId;
    std::string sub;
    std::string grantType;
    std::string scope;
    std::string reason;
    std::string endpoint;
};
void audit(db::Tx& tx, const web::Context& ctx, const TokenEvent& event);

}  // namespace ktk::oidc_app
