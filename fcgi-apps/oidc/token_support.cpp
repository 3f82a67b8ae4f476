#include "oidc/token_support.h"

#include <cgicc/CgiUtils.h>

#include <cctype>

#include "crypto/random.h"
#include "repo/audit.h"

namespace ktk::oidc_app {

const OAuthError kInvalidRequest{400, "invalid_request",
                                 "The request lacks a parameter, repeats one, or is otherwise malformed."};
const OAuthError kInvalidClient{401, "invalid_client", "Client authentication failed."};
const OAuthError kInvalidGrant{400, "invalid_grant",
                               "The authorization code or refresh token is invalid, expired, revoked, or was issued "
                               "to another client or for another redirect URI."};
const OAuthError kInvalidScope{400, "invalid_scope", "The scope asked for exceeds the scope granted."};
const OAuthError kUnsupportedGrantType{400, "unsupported_grant_type",
                                       "Only the authorization_code and refresh_token grants are supported."};
const OAuthError kInvalidToken{401, "invalid_token", "The access token is invalid, expired or revoked."};

namespace {

// Credentials and tokens are short; a longer header is nobody's.
constexpr std::size_t kMaxAuthorization = 2048;
constexpr std::size_t kMaxClientIdInAudit = 64;

bool startsWithScheme(std::string_view header, std::string_view scheme, std::string_view& rest) {
    if (header.size() <= scheme.size() || header[scheme.size()] != ' ') return false;
    for (std::size_t i = 0; i < scheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(header[i])) != scheme[i]) return false;
    rest = header.substr(scheme.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
    return !rest.empty();
}

// Standard base64 (RFC 4648 §4), padded or not, through the URL-safe decoder.
bool base64Decode(std::string_view text, std::string& out) {
    std::string mapped(text);
    int padding = 0;
    while (!mapped.empty() && mapped.back() == '=' && padding < 2) {
        mapped.pop_back();
        ++padding;
    }
    for (char& ch : mapped) {
        if (ch == '-' || ch == '_') return false;
        if (ch == '+') ch = '-';
        else if (ch == '/') ch = '_';
    }
    if (padding && (mapped.size() + padding) % 4 != 0) return false;
    return crypto::base64UrlDecode(mapped, out);
}

// Authorization: Basic base64(urlencoded id ":" urlencoded secret).
bool parseBasic(std::string_view header, std::string& id, std::string& secret) {
    std::string_view encoded;
    std::string decoded;
    if (header.size() > kMaxAuthorization || !startsWithScheme(header, "basic", encoded) ||
        !base64Decode(encoded, decoded))
        return false;
    const std::size_t colon = decoded.find(':');
    if (colon == std::string::npos || colon == 0) return false;
    id = cgicc::form_urldecode(decoded.substr(0, colon));
    secret = cgicc::form_urldecode(decoded.substr(colon + 1));
    return !id.empty();
}

}  // namespace

web::Response jsonAnswer(int status, const util::Json& body) {
    web::Response r;
    r.status = status;
    r.contentType = "application/json";
    r.body = util::jsonText(body);
    r.noStore = true;
    r.headers.emplace_back("Pragma", "no-cache");
    return r;
}

web::Response errorAnswer(const OAuthError& e, bool basicTried) {
    web::Response r = jsonAnswer(e.status, {{"error", e.error}, {"error_description", e.description}});
    if (&e == &kInvalidClient && basicTried) r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"ktk\"");
    return r;
}

bool singleField(const web::Request& req, std::string_view name, std::string& out) {
    const std::vector<std::string> values = req.formAll(name);
    out = values.empty() ? std::string() : values.front();
    return values.size() <= 1;
}

bool hasQuery(const web::Request& req) { return !req.queryString().empty(); }

Credentials readCredentials(const web::Request& req) {
    using Problem = Credentials::Problem;
    Credentials c;
    std::string bodyId, bodySecret;
    const bool once = singleField(req, "client_id", bodyId) & singleField(req, "client_secret", bodySecret);
    const std::string_view header = req.param("HTTP_AUTHORIZATION");
    if (!header.empty()) {
        c.basic = true;
        if (!parseBasic(header, c.clientId, c.secret)) c.problem = Problem::Malformed;
        // One method per request (RFC 6749 §2.3); a client_id beside Basic
        // may only repeat the same.
        else if (!once || !bodySecret.empty() || (!bodyId.empty() && bodyId != c.clientId))
            c.problem = Problem::Conflicting;
        return c;
    }
    if (!once) c.problem = Problem::Conflicting;
    else if (bodyId.empty()) c.problem = Problem::Missing;
    c.clientId = std::move(bodyId);
    c.secret = std::move(bodySecret);
    return c;
}

std::optional<oidc::Client> authenticate(db::Tx& tx, const Credentials& c) {
    if (c.problem != Credentials::Problem::None) return std::nullopt;
    std::optional<oidc::Client> client = oidc::findClient(tx, c.clientId);
    if (!client || !client->enabled()) return std::nullopt;
    if (client->confidential ? !oidc::secretMatches(tx, *client, c.secret) : !c.secret.empty()) return std::nullopt;
    return client;
}

bool mayUseServices(const repo::Account& a) {
    return !a.disabledAt && a.confirmedAt && (a.clerk ? a.officeId.has_value() : a.municipality.has_value());
}

Bearer readBearer(const web::Request& req, bool fromForm) {
    using Problem = Bearer::Problem;
    Bearer b;
    std::string formToken;
    const bool once = !fromForm || singleField(req, "access_token", formToken);
    const std::string_view header = req.param("HTTP_AUTHORIZATION");
    std::string_view fromHeader;
    if (!once || (!header.empty() && !formToken.empty()) ||
        (!header.empty() && (header.size() > kMaxAuthorization || !startsWithScheme(header, "bearer", fromHeader))))
        b.problem = Problem::Malformed;
    else if (!header.empty()) b.token = std::string(fromHeader);
    else if (!formToken.empty()) b.token = std::move(formToken);
    else b.problem = Problem::Missing;
    return b;
}

void audit(db::Tx& tx, const web::Context& ctx, const TokenEvent& event) {
    repo::AuditEntry e;
    e.actor = event.client ? repo::Actor::client(event.client->clientId) : repo::Actor::anonymous();
    e.clientAddress = std::string(ctx.req.clientAddress());
    e.action = event.action;
    e.targetUserId = event.userId;
    util::Json after = util::Json::object();
    const std::string clientId =
        event.client ? event.client->clientId : event.claimedClientId.substr(0, kMaxClientIdInAudit);
    for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"endpoint", &event.endpoint},
                                     {"client_id", &clientId},
                                     {"sub", &event.sub},
                                     {"grant_type", &event.grantType},
                                     {"scope", &event.scope},
                                     {"reason", &event.reason}})
        if (!value->empty()) after[key] = *value;
    e.after = util::jsonText(after);
    repo::recordAudit(tx, e);
}

}  // namespace ktk::oidc_app
