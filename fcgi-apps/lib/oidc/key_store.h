// The provider's signing keys in the database (oidc_keys, migration 0016):
// one RS256 and one ES256 key current at a time, published in the JWKS
// while anything they signed may still be checked.
//
// A key's private half is sealed (crypto/seal.h) under the config's
// secrets; it is opened once per process and kept (Keyring below), so a
// token costs one signature, not a PEM parse.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "oidc/jose.h"

namespace ktk::oidc {

// The longest a token signed by a key can be checked after it was signed:
// the ID tokens' lifetime (the logout tokens' is shorter), plus a minute
// for the clocks of the relying parties. A superseded key stays in the
// JWKS that long, then is retired.
constexpr std::int64_t kIdTokenSeconds = 600;
constexpr std::int64_t kClockSkewSeconds = 60;
constexpr std::int64_t kKeyPublishedAfterSupersededSeconds = kIdTokenSeconds + kClockSkewSeconds;

struct KeyInfo {
    std::string kid;
    Alg alg = Alg::RS256;
    std::string createdAt;     // "YYYY-MM-DD HH:MM:SS" UTC
    std::string supersededAt;  // empty: current
    std::string retiredAt;     // when it leaves (left) the JWKS; empty: current
    bool published = true;
};

// Every key, newest first (for `ktk-admin oidc key list`).
std::vector<KeyInfo> listKeys(db::Tx& tx, std::int64_t now);

// The public keys the JWKS publishes now, newest first.
std::vector<Key> publishedKeys(db::Tx& tx, std::int64_t now);

// A new current key for each alg; the ones they replace are superseded now
// and retired kKeyPublishedAfterSupersededSeconds later. Returns the new
// keys' kids (RS256, then ES256). Run inside transact().
std::vector<std::string> rotateKeys(db::Tx& tx, const std::vector<std::string>& secrets, std::int64_t now);

// The process's signing keys, opened from the database on first use. The
// current key of an alg is looked up per use (one indexed read of its kid);
// a kid already opened is neither read nor opened again. With no key of the alg yet (a fresh
// install), the first use makes one; should two processes do so at once,
// both keys are published and the newer signs.
class Keyring {
public:
    explicit Keyring(std::vector<std::string> secrets) : secrets_(std::move(secrets)) {}
    // The key that signs for `alg` now. Throws std::runtime_error when the
    // current key cannot be opened with the config's secrets.
    Key current(db::Tx& tx, Alg alg, std::int64_t now);

private:
    std::vector<std::string> secrets_;
    std::map<std::string, Key> opened_;
};

}  // namespace ktk::oidc
