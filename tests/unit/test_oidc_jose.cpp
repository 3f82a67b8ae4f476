// The provider's JOSE (oidc/jose.h): keys, JWKs and compact JWS, checked
// against OpenSSL's own verification of the raw signature, and the
// refusals a relying party's token or an id_token_hint must meet.
#include <cppunit/extensions/HelperMacros.h>

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "crypto/random.h"
#include "oidc/jose.h"

using namespace ktk;

namespace {

std::vector<std::string> split(const std::string& jws) {
    const std::size_t a = jws.find('.'), b = jws.find('.', a + 1);
    return {jws.substr(0, a), jws.substr(a + 1, b - a - 1), jws.substr(b + 1)};
}

std::string decoded(const std::string& part) {
    std::string out;
    CPPUNIT_ASSERT(crypto::base64UrlDecode(part, out));
    return out;
}

// OpenSSL's verification of `der` over `input` with the key of `publicPem`,
// apart from oidc::Key.
bool opensslVerifies(const std::string& publicPem, const std::string& input, const std::string& der) {
    BIO* bio = BIO_new_mem_buf(publicPem.data(), static_cast<int>(publicPem.size()));
    EVP_PKEY* key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok = key && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
                    EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(der.data()), der.size(),
                                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    return ok;
}

// A JWS ES256 signature (R‖S) as the DER OpenSSL verifies.
std::string derOf(const std::string& raw) {
    ECDSA_SIG* sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(sig, BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr),
                   BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr));
    unsigned char* out = nullptr;
    const int n = i2d_ECDSA_SIG(sig, &out);
    std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
    OPENSSL_free(out);
    ECDSA_SIG_free(sig);
    return der;
}

const util::Json kClaims = {{"iss", "https://ktk.example.hu"}, {"sub", "abc"}, {"aud", "client"}, {"exp", 1900000000}};

}  // namespace

class OidcJoseTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OidcJoseTest);
    CPPUNIT_TEST(testAnRs256TokenCarriesItsHeaderAndClaimsAndOpensslVerifiesIt);
    CPPUNIT_TEST(testAnEs256SignatureIsRAndSOf32BytesEachAndOpensslVerifiesIt);
    CPPUNIT_TEST(testTheJwksKeysCarryThePublicHalfOnly);
    CPPUNIT_TEST(testAKeyComesBackFromItsPemAndAPublicPemSignsNothing);
    CPPUNIT_TEST(testAPemOfTheWrongKindIsRefused);
    CPPUNIT_TEST(testAChangedTokenOrAnotherKeysTokenIsRefused);
    CPPUNIT_TEST(testNoneAndAlgorithmsOtherThanTheKeysAreRefused);
    CPPUNIT_TEST(testMalformedTokensAreRefused);
    CPPUNIT_TEST_SUITE_END();

    static oidc::Key& rsa() {
        static oidc::Key k = oidc::Key::generate(oidc::Alg::RS256, "rsa-1");
        return k;
    }
    static oidc::Key& ec() {
        static oidc::Key k = oidc::Key::generate(oidc::Alg::ES256, "ec-1");
        return k;
    }

public:
    void testAnRs256TokenCarriesItsHeaderAndClaimsAndOpensslVerifiesIt() {
        const std::string jws = oidc::signJwt(rsa(), kClaims);
        const auto parts = split(jws);
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"alg":"RS256","kid":"rsa-1","typ":"JWT"})"), decoded(parts[0]));
        CPPUNIT_ASSERT_EQUAL(util::jsonText(kClaims), decoded(parts[1]));
        CPPUNIT_ASSERT_EQUAL(std::size_t(256), decoded(parts[2]).size());
        CPPUNIT_ASSERT(jws.find('=') == std::string::npos);  // base64url without padding
        CPPUNIT_ASSERT(opensslVerifies(rsa().publicPem(), parts[0] + "." + parts[1], decoded(parts[2])));
        std::optional<oidc::Jwt> back = oidc::verifyJwt(jws, {ec(), rsa()});
        CPPUNIT_ASSERT(back);
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), back->claims["sub"].get<std::string>());
    }
    void testAnEs256SignatureIsRAndSOf32BytesEachAndOpensslVerifiesIt() {
        for (int i = 0; i < 20; ++i) {  // short R or S values are padded, never cut
            const std::string jws = oidc::signJwt(ec(), kClaims, "logout+jwt");
            const auto parts = split(jws);
            CPPUNIT_ASSERT_EQUAL(std::string(R"({"alg":"ES256","kid":"ec-1","typ":"logout+jwt"})"), decoded(parts[0]));
            CPPUNIT_ASSERT_EQUAL(std::size_t(64), decoded(parts[2]).size());
            CPPUNIT_ASSERT(opensslVerifies(ec().publicPem(), parts[0] + "." + parts[1], derOf(decoded(parts[2]))));
            CPPUNIT_ASSERT(oidc::verifyJwt(jws, {rsa(), ec()}));
        }
    }
    void testTheJwksKeysCarryThePublicHalfOnly() {
        const util::Json r = rsa().publicJwk();
        CPPUNIT_ASSERT_EQUAL(std::string("RSA"), r["kty"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("sig"), r["use"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("RS256"), r["alg"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("rsa-1"), r["kid"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("AQAB"), r["e"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::size_t(256), decoded(r["n"].get<std::string>()).size());
        const util::Json e = ec().publicJwk();
        CPPUNIT_ASSERT_EQUAL(std::string("EC"), e["kty"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("P-256"), e["crv"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::size_t(32), decoded(e["x"].get<std::string>()).size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(32), decoded(e["y"].get<std::string>()).size());
        for (const util::Json& k : {r, e})
            for (const char* secret : {"d", "p", "q", "dp", "dq", "qi"}) CPPUNIT_ASSERT(!k.contains(secret));
    }
    void testAKeyComesBackFromItsPemAndAPublicPemSignsNothing() {
        std::optional<oidc::Key> again = oidc::Key::fromPem(oidc::Alg::ES256, "ec-1", ec().privatePem());
        CPPUNIT_ASSERT(again && again->hasPrivate());
        CPPUNIT_ASSERT(oidc::verifyJwt(oidc::signJwt(*again, kClaims), {ec()}));
        CPPUNIT_ASSERT_EQUAL(util::jsonText(ec().publicJwk()), util::jsonText(again->publicJwk()));
        std::optional<oidc::Key> pub = oidc::Key::fromPem(oidc::Alg::RS256, "rsa-1", rsa().publicPem());
        CPPUNIT_ASSERT(pub && !pub->hasPrivate());
        CPPUNIT_ASSERT(oidc::verifyJwt(oidc::signJwt(rsa(), kClaims), {*pub}));
        CPPUNIT_ASSERT_THROW(pub->sign("x"), std::logic_error);
        CPPUNIT_ASSERT(rsa().privatePem().find("-----BEGIN PRIVATE KEY-----") == 0);
    }
    void testAPemOfTheWrongKindIsRefused() {
        CPPUNIT_ASSERT(!oidc::Key::fromPem(oidc::Alg::RS256, "x", ec().privatePem()));
        CPPUNIT_ASSERT(!oidc::Key::fromPem(oidc::Alg::ES256, "x", rsa().publicPem()));
        CPPUNIT_ASSERT(!oidc::Key::fromPem(oidc::Alg::RS256, "x", "-----BEGIN PRIVATE KEY-----\nAAAA\n"));
        CPPUNIT_ASSERT(!oidc::Key::fromPem(oidc::Alg::RS256, "x", ""));
        // RSA below 2048 bits does not sign for us.
        EVP_PKEY* small = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(1024));
        BIO* bio = BIO_new(BIO_s_mem());
        PEM_write_bio_PUBKEY(bio, small);
        char* data = nullptr;
        const long n = BIO_get_mem_data(bio, &data);
        const std::string pem(data, static_cast<std::size_t>(n));
        BIO_free(bio);
        EVP_PKEY_free(small);
        CPPUNIT_ASSERT(!oidc::Key::fromPem(oidc::Alg::RS256, "x", pem));
    }
    void testAChangedTokenOrAnotherKeysTokenIsRefused() {
        const std::string jws = oidc::signJwt(rsa(), kClaims);
        auto parts = split(jws);
        util::Json other = kClaims;
        other["sub"] = "someone-else";
        const std::string forged = parts[0] + "." + crypto::base64UrlEncode(util::jsonText(other)) + "." + parts[2];
        CPPUNIT_ASSERT(!oidc::verifyJwt(forged, {rsa()}));
        std::string flipped = jws;
        flipped[flipped.size() - 5] = flipped[flipped.size() - 5] == 'A' ? 'B' : 'A';
        CPPUNIT_ASSERT(!oidc::verifyJwt(flipped, {rsa()}));
        // Another key with the same kid: not ours.
        oidc::Key impostor = oidc::Key::generate(oidc::Alg::RS256, "rsa-1");
        CPPUNIT_ASSERT(!oidc::verifyJwt(oidc::signJwt(impostor, kClaims), {rsa()}));
        // A key no longer in the list (retired): refused.
        CPPUNIT_ASSERT(!oidc::verifyJwt(jws, {ec()}));
    }
    void testNoneAndAlgorithmsOtherThanTheKeysAreRefused() {
        const std::string body = crypto::base64UrlEncode(util::jsonText(kClaims));
        CPPUNIT_ASSERT(!oidc::verifyJwt(crypto::base64UrlEncode(R"({"alg":"none","kid":"rsa-1"})") + "." + body + ".",
                                        {rsa()}));
        // HS256 with the public key as the MAC key: the classic confusion.
        const std::string hs = crypto::base64UrlEncode(R"({"alg":"HS256","kid":"rsa-1"})") + "." + body;
        CPPUNIT_ASSERT(!oidc::verifyJwt(
            hs + "." + crypto::base64UrlEncode(crypto::hmacSha256(rsa().publicPem(), hs)), {rsa()}));
        // The EC key's signature presented as RS256 under the EC kid.
        auto parts = split(oidc::signJwt(ec(), kClaims));
        CPPUNIT_ASSERT(!oidc::verifyJwt(crypto::base64UrlEncode(R"({"alg":"RS256","kid":"ec-1"})") + "." + parts[1] +
                                            "." + parts[2],
                                        {ec()}));
    }
    void testMalformedTokensAreRefused() {
        for (const char* bad : {"", ".", "..", "a.b", "a.b.c.d", "!!!.e30.AAAA", "e30.e30.AAAA", "bnVsbA.e30.AAAA"})
            CPPUNIT_ASSERT(!oidc::verifyJwt(bad, {rsa(), ec()}));
        // Claims that are not an object.
        auto parts = split(oidc::signJwt(rsa(), kClaims));
        const std::string input = parts[0] + "." + crypto::base64UrlEncode("[1,2]");
        CPPUNIT_ASSERT(!oidc::verifyJwt(input + "." + crypto::base64UrlEncode(rsa().sign(input)), {rsa()}));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OidcJoseTest);
