#include "oidc/key_store.h"

#include <stdexcept>

#include "crypto/random.h"
#include "crypto/seal.h"
#include "util/clock.h"

namespace ktk::oidc {

namespace {

constexpr char kSealPurpose[] = "oidc signing key";

Alg algOf(const std::string& name) { return parseAlg(name).value_or(Alg::RS256); }

// Seals and stores a fresh key of `alg`; returns its kid.
std::string insertKey(db::Tx& tx, const std::vector<std::string>& secrets, Alg alg, std::int64_t now) {
    // The kid: 128 random bits (it names the key, and tells nothing of it).
    Key key = Key::generate(alg, crypto::base64UrlEncode(crypto::randomBytes(16)));
    const crypto::Sealed sealed = crypto::seal(secrets, kSealPurpose, key.kid(), key.privatePem());
    tx.update(
        "INSERT INTO oidc_keys (kid, alg, public_pem, private_sealed, kek_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        key.kid(), std::string(algName(alg)), key.publicPem(), sealed.text, sealed.keyId, util::sqlTime(now));
    return key.kid();
}

}  // namespace

std::vector<KeyInfo> listKeys(db::Tx& tx, std::int64_t now) {
    db::Row r = tx.query(
        "SELECT kid, alg, created_at, COALESCE(superseded_at, ''), COALESCE(retired_at, ''),"
        " retired_at IS NULL OR retired_at > ? FROM oidc_keys ORDER BY created_at DESC, kid",
        util::sqlTime(now));
    std::vector<KeyInfo> keys;
    while (r->next()) {
        KeyInfo k;
        k.kid = r->getString(1);
        k.alg = algOf(r->getString(2));
        k.createdAt = r->getString(3);
        k.supersededAt = r->getString(4);
        k.retiredAt = r->getString(5);
        k.published = r->getBoolean(6);
        keys.push_back(std::move(k));
    }
    return keys;
}

std::vector<Key> publishedKeys(db::Tx& tx, std::int64_t now) {
    db::Row r = tx.query(
        "SELECT kid, alg, public_pem FROM oidc_keys WHERE retired_at IS NULL OR retired_at > ?"
        " ORDER BY created_at DESC, kid",
        util::sqlTime(now));
    std::vector<Key> keys;
    while (r->next())
        if (std::optional<Key> k = Key::fromPem(algOf(r->getString(2)), r->getString(1), std::string(r->getString(3))))
            keys.push_back(std::move(*k));
    return keys;
}

std::vector<std::string> rotateKeys(db::Tx& tx, const std::vector<std::string>& secrets, std::int64_t now) {
    tx.update("UPDATE oidc_keys SET superseded_at = ?, retired_at = ? WHERE superseded_at IS NULL",
              util::sqlTime(now), util::sqlTime(now + kKeyPublishedAfterSupersededSeconds));
    return {insertKey(tx, secrets, Alg::RS256, now), insertKey(tx, secrets, Alg::ES256, now)};
}

Key Keyring::current(db::Tx& tx, Alg alg, std::int64_t now) {
    const std::string name(algName(alg));
    for (int attempt = 0; attempt < 2; ++attempt) {
        db::Row r = tx.query(
            "SELECT kid FROM oidc_keys WHERE alg = ? AND superseded_at IS NULL ORDER BY created_at DESC, kid LIMIT 1",
            name);
        if (!r->next()) {
            insertKey(tx, secrets_, alg, now);
            continue;
        }
        const std::string kid = r->getString(1);
        if (auto it = opened_.find(kid); it != opened_.end()) return it->second;
        // The sealed private half only to open it, once per process.
        db::Row s = tx.query("SELECT private_sealed, kek_id FROM oidc_keys WHERE kid = ?", kid);
        if (!s->next()) throw std::runtime_error("the OIDC signing key " + kid + " vanished");
        const crypto::Sealed sealed{s->getString(2), s->getString(1)};
        const std::optional<std::string> pem = crypto::unseal(secrets_, kSealPurpose, kid, sealed);
        std::optional<Key> key = pem ? Key::fromPem(alg, kid, *pem) : std::nullopt;
        if (!key || !key->hasPrivate())
            throw std::runtime_error("the OIDC signing key " + kid +
                                     " does not open with the config's secrets (was secret_file replaced?)");
        return opened_.emplace(kid, std::move(*key)).first->second;
    }
    throw std::runtime_error("no OIDC signing key for " + name);
}

}  // namespace ktk::oidc
