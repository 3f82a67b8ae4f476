#include "crypto/password.h"

#include <sodium.h>

#include <stdexcept>

#include "crypto/random.h"

namespace ktk::crypto {

namespace {
void ensureSodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("sodium_init failed");
}
}  // namespace

std::string hashPassword(std::string_view password, const HashParams& params) {
    ensureSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), params.opsLimit, params.memLimitBytes,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("argon2id hashing failed (out of memory?)");
    return out;
}

bool verifyPassword(std::string_view password, const std::string& phc) {
    ensureSodium();
    if (phc.rfind("$argon2id$", 0) != 0 || phc.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(phc.c_str(), password.data(), password.size()) == 0;
}

bool needsRehash(const std::string& phc, const HashParams& params) {
    ensureSodium();
    if (phc.rfind("$argon2id$", 0) != 0 || phc.size() >= crypto_pwhash_STRBYTES) return true;
    return crypto_pwhash_str_needs_rehash(phc.c_str(), params.opsLimit, params.memLimitBytes) != 0;
}

const std::string& dummyHash() {
    static const std::string hash = hashPassword(randomToken());
    return hash;
}

}  // namespace ktk::crypto
