#include "crypto/seal.h"

#include <sodium.h>

#include <stdexcept>

#include "crypto/random.h"

namespace ktk::crypto {

namespace {

std::string derivedKey(const std::string& secret, std::string_view purpose) {
    return mac(sha256(secret), std::string("ktk seal v1: ") + std::string(purpose));
}

std::string keyIdOf(const std::string& key) { return sha256Hex(key).substr(0, 16); }

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

Sealed seal(const std::vector<std::string>& secrets, std::string_view purpose, std::string_view associated,
            std::string_view plain) {
    if (secrets.empty()) throw std::invalid_argument("no secret to seal with");
    const std::string key = derivedKey(secrets.front(), purpose);
    const std::string nonce = randomBytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    std::string out(plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(out.data()), &len, bytes(plain),
                                               plain.size(), bytes(associated), associated.size(), nullptr,
                                               bytes(nonce), bytes(key));
    out.resize(static_cast<std::size_t>(len));
    return {keyIdOf(key), base64UrlEncode(nonce + out)};
}

std::optional<std::string> unseal(const std::vector<std::string>& secrets, std::string_view purpose,
                                  std::string_view associated, const Sealed& sealed) {
    std::string raw;
    if (!base64UrlDecode(sealed.text, raw) ||
        raw.size() < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
        return std::nullopt;
    for (const std::string& secret : secrets) {
        const std::string key = derivedKey(secret, purpose);
        if (keyIdOf(key) != sealed.keyId) continue;
        const std::string_view nonce(raw.data(), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
        const std::string_view cipher = std::string_view(raw).substr(nonce.size());
        std::string plain(cipher.size() - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
        unsigned long long len = 0;
        if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &len, nullptr,
                                                       bytes(cipher), cipher.size(), bytes(associated),
                                                       associated.size(), bytes(nonce), bytes(key)) != 0)
            return std::nullopt;
        plain.resize(static_cast<std::size_t>(len));
        return plain;
    }
    return std::nullopt;
}

}  // namespace ktk::crypto
