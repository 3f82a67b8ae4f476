// The provider's clients (oidc_clients, oidc_redirect_uris; migration
// 0016): the sibling services that log people in through the portal,
// registered by an operator with `ktk-admin client …`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "oidc/jose.h"

namespace ktk::oidc {

struct Client {
    std::uint64_t id = 0;       // the row
    std::string clientId;       // public, random
    std::string name;
    bool confidential = true;   // has a secret; false: a public client (PKCE required)
    bool firstParty = false;    // a sibling service of the ministry: no consent page
    Alg idTokenAlg = Alg::RS256;
    std::vector<std::string> redirectUris;
    std::string postLogoutRedirectUri;  // empty: none
    std::string backchannelLogoutUri;   // empty: none
    std::string createdAt;
    std::string secretRotatedAt;
    std::string disabledAt;             // empty: enabled
    bool enabled() const { return disabledAt.empty(); }
};

struct NewClient {
    std::string name;
    std::vector<std::string> redirectUris;
    std::string postLogoutRedirectUri;
    std::string backchannelLogoutUri;
    bool confidential = true;
    bool firstParty = false;
    Alg idTokenAlg = Alg::RS256;
};

// Why a URI may not be registered, or nullopt when it may: absolute, https
// (http only to this machine: 127.0.0.1, [::1] or localhost, as RFC 8252
// allows native apps), no fragment, no user name or password, no
// wildcard, printable ASCII, at most 2,000 characters.
std::optional<std::string> uriProblem(std::string_view uri);

// A client's name: 1 to 200 characters of printable text.
bool validClientName(std::string_view name);

struct AddedClient {
    Client client;
    std::string secret;  // empty for a public client; shown once, stored only hashed
};
AddedClient addClient(db::Tx& tx, const NewClient& c, std::int64_t now);

std::optional<Client> findClient(db::Tx& tx, std::string_view clientId);
// By its row (the client_ref of a code or token).
std::optional<Client> findClientByRef(db::Tx& tx, std::uint64_t ref);
std::vector<Client> listClients(db::Tx& tx);

// False when there is no such enabled client.
bool disableClient(db::Tx& tx, std::string_view clientId, std::int64_t now);
// The new secret, which replaces the old one at once; nullopt when there
// is no such client or it is public.
std::optional<std::string> rotateClientSecret(db::Tx& tx, std::string_view clientId, std::int64_t now);

// Whether `secret` is the client's (constant time over the stored hash).
bool secretMatches(db::Tx& tx, const Client& client, std::string_view secret);

}  // namespace ktk::oidc
