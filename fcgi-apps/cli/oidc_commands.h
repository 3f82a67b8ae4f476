// ktk-admin's `client …` and `oidc …` commands: the OpenID Connect
// provider's clients (the sibling services) and its signing keys.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace ktk::cli {

// client add --name NAME --redirect-uri URI [--redirect-uri URI…]
//     [--post-logout-redirect-uri URI] [--public] [--first-party]
//     [--backchannel-logout-uri URI] [--id-token-alg RS256|ES256]
//   prints "client_id: …" and, for a confidential client,
//   "client_secret: …" on their own lines (the secret only this once);
// client list: one client a line, tab-separated, under a header line;
// client show ID: the client's settings, one "key: value" a line;
// client disable ID; client rotate-secret ID (prints the new secret once).
int clientCommand(const config::Config& config, const std::vector<std::string>& args);

// oidc key rotate: a new RS256 and ES256 signing key (prints their kids);
// the old ones stay in the JWKS until every token they signed has expired.
// oidc key list: every key with its state.
int oidcCommand(const config::Config& config, const std::vector<std::string>& args);

}  // namespace ktk::cli
