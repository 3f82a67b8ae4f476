// The JOSE the provider needs, on OpenSSL 3: signing keys (RSA 2048 for
// RS256, P-256 for ES256), their public halves as JWKs, and compact JWS
// (RFC 7515) over a JSON claims set, signed and verified.
//
// Written here rather than taken from a JOSE library (README, dependency
// table): libjwt 1.10 (Debian 12) has no JWKs, libcjose brings jansson
// beside the nlohmann-json we use and builds its keys through OpenSSL 1.1
// interfaces that OpenSSL 3 deprecates. What remains is a few OpenSSL
// calls: EVP_DigestSign/Verify, and for ES256 the DER signature turned
// into the 64 bytes R‖S that JWS wants (RFC 7518 §3.4).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/json.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace ktk::oidc {

enum class Alg { RS256, ES256 };

std::string_view algName(Alg alg);
std::optional<Alg> parseAlg(std::string_view name);

// A key pair, or only its public half (a key read from a public PEM).
// Copies share the one OpenSSL key, which is never changed after it is made.
class Key {
public:
    // A fresh key pair for `alg`, named `kid`.
    static Key generate(Alg alg, std::string kid);
    // From PEM text (PKCS#8 private or SubjectPublicKeyInfo public);
    // nullopt when it does not parse or is not a key for `alg`.
    static std::optional<Key> fromPem(Alg alg, std::string kid, std::string_view pem);

    Alg alg() const { return alg_; }
    const std::string& kid() const { return kid_; }
    bool hasPrivate() const { return private_; }

    std::string privatePem() const;  // PKCS#8; only for a key pair
    std::string publicPem() const;   // SubjectPublicKeyInfo
    // The public JWK: kty, use "sig", alg, kid, then n and e (RSA) or crv,
    // x and y (EC), base64url without padding.
    util::Json publicJwk() const;

    // JWS signature bytes over `input` (R‖S for ES256). Only for a key pair.
    std::string sign(std::string_view input) const;
    bool verify(std::string_view input, std::string_view signature) const;

private:
    Key(Alg alg, std::string kid, std::shared_ptr<EVP_PKEY> key, bool hasPrivate)
        : alg_(alg), kid_(std::move(kid)), key_(std::move(key)), private_(hasPrivate) {}
    Alg alg_;
    std::string kid_;
    std::shared_ptr<EVP_PKEY> key_;
    bool private_;
};

// A compact JWS of `claims` with the header {"alg", "kid", "typ"}.
std::string signJwt(const Key& key, const util::Json& claims, std::string_view typ = "JWT");

struct Jwt {
    util::Json header;
    util::Json claims;
};

// The header and claims of a compact JWS whose header names the kid and
// alg of one of `keys` and whose signature that key verifies; nullopt for
// anything else (no "none", no alg the key was not made for, no JSON
// that is not an object).
std::optional<Jwt> verifyJwt(std::string_view compact, const std::vector<Key>& keys);

}  // namespace ktk::oidc
