#include "oidc/jose.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <stdexcept>

#include "crypto/random.h"

namespace ktk::oidc {

namespace {

constexpr std::size_t kEcHalf = 32;  // P-256: R and S, X and Y
constexpr int kRsaBits = 2048;

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct BnFree {
    void operator()(BIGNUM* b) const { BN_free(b); }
};
struct SigFree {
    void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY* key) { return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free); }

std::string bioText(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

// The big number `name` of the key, big-endian, padded to `width` bytes
// when given.
std::string bnParam(EVP_PKEY* key, const char* name, std::size_t width = 0) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) throw std::runtime_error("key parameter missing");
    BnPtr bn(raw);
    std::string out(width ? width : static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
    if (width)
        BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(width));
    else
        BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(out.data()));
    return out;
}

// Whether `key` is what `alg` signs with: RSA of 2048 bits or more, or
// EC on P-256.
bool fits(Alg alg, EVP_PKEY* key) {
    if (alg == Alg::RS256) return EVP_PKEY_is_a(key, "RSA") && EVP_PKEY_get_bits(key) >= kRsaBits;
    if (!EVP_PKEY_is_a(key, "EC")) return false;
    char group[64] = {0};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1)
        return false;
    return std::string_view(group, len) == "prime256v1" || std::string_view(group, len) == "P-256";
}

bool decodeJsonObject(std::string_view part, util::Json& out) {
    std::string text;
    if (!crypto::base64UrlDecode(part, text)) return false;
    out = util::Json::parse(text, nullptr, false);
    return out.is_object();
}

}  // namespace

std::string_view algName(Alg alg) { return alg == Alg::RS256 ? "RS256" : "ES256"; }

std::optional<Alg> parseAlg(std::string_view name) {
    if (name == "RS256") return Alg::RS256;
    if (name == "ES256") return Alg::ES256;
    return std::nullopt;
}

Key Key::generate(Alg alg, std::string kid) {
    EVP_PKEY* raw = alg == Alg::RS256 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(kRsaBits))
                                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (!raw) throw std::runtime_error("key generation failed");
    return Key(alg, std::move(kid), own(raw), true);
}

std::optional<Key> Key::fromPem(Alg alg, std::string kid, std::string_view pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return std::nullopt;
    bool isPrivate = true;
    EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (!raw) {
        isPrivate = false;
        bio.reset(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
        raw = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    }
    if (!raw) return std::nullopt;
    std::shared_ptr<EVP_PKEY> key = own(raw);
    if (!fits(alg, key.get())) return std::nullopt;
    return Key(alg, std::move(kid), std::move(key), isPrivate);
}

std::string Key::privatePem() const {
    if (!private_) throw std::logic_error("no private key");
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        throw std::runtime_error("cannot write the private key");
    return bioText(bio.get());
}

std::string Key::publicPem() const {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1) throw std::runtime_error("cannot write the public key");
    return bioText(bio.get());
}

util::Json Key::publicJwk() const {
    util::Json jwk;
    if (alg_ == Alg::RS256) {
        jwk["kty"] = "RSA";
        jwk["use"] = "sig";
        jwk["alg"] = "RS256";
        jwk["kid"] = kid_;
        jwk["n"] = crypto::base64UrlEncode(bnParam(key_.get(), OSSL_PKEY_PARAM_RSA_N));
        jwk["e"] = crypto::base64UrlEncode(bnParam(key_.get(), OSSL_PKEY_PARAM_RSA_E));
    } else {
        jwk["kty"] = "EC";
        jwk["use"] = "sig";
        jwk["alg"] = "ES256";
        jwk["kid"] = kid_;
        jwk["crv"] = "P-256";
        jwk["x"] = crypto::base64UrlEncode(bnParam(key_.get(), OSSL_PKEY_PARAM_EC_PUB_X, kEcHalf));
        jwk["y"] = crypto::base64UrlEncode(bnParam(key_.get(), OSSL_PKEY_PARAM_EC_PUB_Y, kEcHalf));
    }
    return jwk;
}

std::string Key::sign(std::string_view input) const {
    if (!private_) throw std::logic_error("no private key");
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    std::size_t len = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) != 1)
        throw std::runtime_error("signing failed");
    std::string der(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &len,
                       reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1)
        throw std::runtime_error("signing failed");
    der.resize(len);
    if (alg_ == Alg::RS256) return der;
    // ECDSA: OpenSSL gives DER; JWS wants R and S, 32 bytes each.
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
    std::unique_ptr<ECDSA_SIG, SigFree> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
    if (!sig) throw std::runtime_error("signing failed");
    std::string raw(2 * kEcHalf, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), reinterpret_cast<unsigned char*>(raw.data()), kEcHalf);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), reinterpret_cast<unsigned char*>(raw.data()) + kEcHalf, kEcHalf);
    return raw;
}

bool Key::verify(std::string_view input, std::string_view signature) const {
    std::string der;
    if (alg_ == Alg::ES256) {
        if (signature.size() != 2 * kEcHalf) return false;
        const auto* s = reinterpret_cast<const unsigned char*>(signature.data());
        BnPtr r(BN_bin2bn(s, kEcHalf, nullptr)), ss(BN_bin2bn(s + kEcHalf, kEcHalf, nullptr));
        std::unique_ptr<ECDSA_SIG, SigFree> sig(ECDSA_SIG_new());
        if (!r || !ss || !sig || ECDSA_SIG_set0(sig.get(), r.get(), ss.get()) != 1) return false;
        r.release();  // owned by sig now
        ss.release();
        unsigned char* out = nullptr;
        const int n = i2d_ECDSA_SIG(sig.get(), &out);
        if (n <= 0) return false;
        der.assign(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
        OPENSSL_free(out);
        signature = der;
    }
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) == 1 &&
           EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                            reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

std::string signJwt(const Key& key, const util::Json& claims, std::string_view typ) {
    util::Json header;
    header["alg"] = std::string(algName(key.alg()));
    header["kid"] = key.kid();
    header["typ"] = std::string(typ);
    std::string input = crypto::base64UrlEncode(util::jsonText(header)) + "." +
                        crypto::base64UrlEncode(util::jsonText(claims));
    const std::string signature = key.sign(input);
    return input + "." + crypto::base64UrlEncode(signature);
}

std::optional<Jwt> verifyJwt(std::string_view compact, const std::vector<Key>& keys) {
    const std::size_t a = compact.find('.');
    const std::size_t b = a == std::string_view::npos ? a : compact.find('.', a + 1);
    if (b == std::string_view::npos || compact.find('.', b + 1) != std::string_view::npos) return std::nullopt;
    Jwt jwt;
    if (!decodeJsonObject(compact.substr(0, a), jwt.header)) return std::nullopt;
    const auto alg = jwt.header.find("alg");
    const auto kid = jwt.header.find("kid");
    if (alg == jwt.header.end() || !alg->is_string() || kid == jwt.header.end() || !kid->is_string())
        return std::nullopt;
    for (const Key& key : keys) {
        if (key.kid() != kid->get<std::string>() || algName(key.alg()) != alg->get<std::string>()) continue;
        std::string signature;
        if (!crypto::base64UrlDecode(compact.substr(b + 1), signature) ||
            !key.verify(compact.substr(0, b), signature) || !decodeJsonObject(compact.substr(a + 1, b - a - 1), jwt.claims))
            return std::nullopt;
        return jwt;
    }
    return std::nullopt;
}

}  // namespace ktk::oidc
