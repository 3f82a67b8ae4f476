#include "oidc/client_store.h"

#include "crypto/random.h"
#include "util/clock.h"

namespace ktk::oidc {

namespace {

constexpr std::size_t kMaxUri = 2000;

bool isLoopbackHost(std::string_view host) {
    return host == "127.0.0.1" || host == "[::1]" || host == "localhost";
}

// A client's columns as every SELECT below reads them (1–11).
#define KTK_CLIENT_SELECT                                                                         \
    "SELECT id, client_id, name, secret_hash IS NOT NULL, first_party, id_token_alg,"            \
    " COALESCE(post_logout_redirect_uri, ''), COALESCE(backchannel_logout_uri, ''), created_at," \
    " COALESCE(secret_rotated_at, ''), COALESCE(disabled_at, '') FROM oidc_clients"
Client clientFrom(db::Row& r) {
    Client c;
    c.id = r->getUInt64(1);
    c.clientId = r->getString(2);
    c.name = r->getString(3);
    c.confidential = r->getBoolean(4);
    c.firstParty = r->getBoolean(5);
    c.idTokenAlg = parseAlg(std::string(r->getString(6))).value_or(Alg::RS256);
    c.postLogoutRedirectUri = r->getString(7);
    c.backchannelLogoutUri = r->getString(8);
    c.createdAt = r->getString(9);
    c.secretRotatedAt = r->getString(10);
    c.disabledAt = r->getString(11);
    return c;
}

void loadRedirects(db::Tx& tx, Client& c) {
    db::Row r = tx.query("SELECT uri FROM oidc_redirect_uris WHERE client_ref = ? ORDER BY position", c.id);
    while (r->next()) c.redirectUris.push_back(r->getString(1));
}

std::optional<std::string> nullIfEmpty(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

}  // namespace

std::optional<std::string> uriProblem(std::string_view uri) {
    if (uri.empty() || uri.size() > kMaxUri) return "must be 1 to 2,000 characters";
    for (char ch : uri)
        if (ch <= ' ' || ch >= 0x7f) return "must be printable ASCII without spaces";
    if (uri.find('#') != std::string_view::npos) return "must not have a fragment (#…)";
    if (uri.find('*') != std::string_view::npos) return "must not have wildcards: every URI is matched exactly";
    std::string_view rest;
    bool https = false;
    if (uri.substr(0, 8) == "https://") {
        rest = uri.substr(8);
        https = true;
    } else if (uri.substr(0, 7) == "http://") {
        rest = uri.substr(7);
    } else {
        return "must be an absolute https:// URI";
    }
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
    if (authority.empty()) return "has no host";
    if (authority.find('@') != std::string_view::npos) return "must not carry a user name or password";
    std::string_view host = authority;
    if (host.front() == '[') {
        const std::size_t close = host.find(']');
        if (close == std::string_view::npos) return "has a bad host";
        host = host.substr(0, close + 1);
    } else {
        host = host.substr(0, host.find(':'));
    }
    if (host.empty()) return "has no host";
    if (!https && !isLoopbackHost(host)) return "must use https (http only to 127.0.0.1, [::1] or localhost)";
    return std::nullopt;
}

bool validClientName(std::string_view name) {
    if (name.empty() || name.size() > 800) return false;
    std::size_t chars = 0;
    for (unsigned char ch : name) {
        if (ch < 0x20 || ch == 0x7f) return false;
        if ((ch & 0xC0) != 0x80) ++chars;
    }
    return chars <= 200;
}

AddedClient addClient(db::Tx& tx, const NewClient& c, std::int64_t now) {
    AddedClient added;
    // 128 random bits, URL-safe: public, but not guessable or counted.
    const std::string clientId = crypto::base64UrlEncode(crypto::randomBytes(16));
    if (c.confidential) added.secret = crypto::randomToken();
    tx.update(
        "INSERT INTO oidc_clients (client_id, name, secret_hash, first_party, id_token_alg, post_logout_redirect_uri,"
        " backchannel_logout_uri, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        clientId, c.name,
        c.confidential ? std::optional<std::string>(crypto::sha256Hex(added.secret)) : std::nullopt, c.firstParty,
        std::string(algName(c.idTokenAlg)), nullIfEmpty(c.postLogoutRedirectUri), nullIfEmpty(c.backchannelLogoutUri),
        util::sqlTime(now));
    const std::uint64_t id = tx.lastInsertId();
    unsigned position = 0;
    for (const std::string& uri : c.redirectUris)
        tx.update("INSERT INTO oidc_redirect_uris (client_ref, position, uri) VALUES (?, ?, ?)", id, ++position, uri);
    added.client = *findClient(tx, clientId);
    return added;
}

std::optional<Client> findClient(db::Tx& tx, std::string_view clientId) {
    if (clientId.empty() || clientId.size() > 64) return std::nullopt;
    // client_id is an ASCII column: MariaDB refuses to compare it with any
    // other byte ("illegal mix of collations"), and no client has one.
    for (char ch : clientId)
        if (ch <= ' ' || ch >= 0x7f) return std::nullopt;
    db::Row r = tx.query(KTK_CLIENT_SELECT " WHERE client_id = ?", clientId);
    if (!r->next()) return std::nullopt;
    Client c = clientFrom(r);
    loadRedirects(tx, c);
    return c;
}

std::optional<Client> findClientByRef(db::Tx& tx, std::uint64_t ref) {
    db::Row r = tx.query(KTK_CLIENT_SELECT " WHERE id = ?", ref);
    if (!r->next()) return std::nullopt;
    Client c = clientFrom(r);
    loadRedirects(tx, c);
    return c;
}

std::vector<Client> listClients(db::Tx& tx) {
    db::Row r = tx.query(KTK_CLIENT_SELECT " ORDER BY id");
    std::vector<Client> clients;
    while (r->next()) clients.push_back(clientFrom(r));
    for (Client& c : clients) loadRedirects(tx, c);
    return clients;
}

bool disableClient(db::Tx& tx, std::string_view clientId, std::int64_t now) {
    return tx.update("UPDATE oidc_clients SET disabled_at = ? WHERE client_id = ? AND disabled_at IS NULL",
                     util::sqlTime(now), clientId) > 0;
}

std::optional<std::string> rotateClientSecret(db::Tx& tx, std::string_view clientId, std::int64_t now) {
    std::string secret = crypto::randomToken();
    if (tx.update("UPDATE oidc_clients SET secret_hash = ?, secret_rotated_at = ?"
                  " WHERE client_id = ? AND secret_hash IS NOT NULL",
                  crypto::sha256Hex(secret), util::sqlTime(now), clientId) == 0)
        return std::nullopt;
    return secret;
}

bool secretMatches(db::Tx& tx, const Client& client, std::string_view secret) {
    if (!client.confidential || !crypto::isToken(secret)) return false;
    db::Row r = tx.query("SELECT secret_hash FROM oidc_clients WHERE id = ? AND secret_hash IS NOT NULL", client.id);
    return r->next() && crypto::constantTimeEqual(crypto::sha256Hex(secret), std::string(r->getString(1)));
}

}  // namespace ktk::oidc
