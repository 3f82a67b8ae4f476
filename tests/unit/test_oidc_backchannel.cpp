// The back-channel logout token (oidc/backchannel.h) as Back-Channel
// Logout 1.0 §2.4 and the relying parties (mod_auth_openidc) check it,
// verified with the public key alone, and the schedule of the retries.
#include <cppunit/extensions/HelperMacros.h>

#include "crypto/random.h"
#include "oidc/backchannel.h"
#include "oidc/claims.h"
#include "oidc/grants.h"
#include "util/json.h"

using namespace ktk;

namespace {

const oidc::Key& rsaKey() {
    static const oidc::Key key = oidc::Key::generate(oidc::Alg::RS256, "rs-1");
    return key;
}
const oidc::Key& ecKey() {
    static const oidc::Key key = oidc::Key::generate(oidc::Alg::ES256, "ec-1");
    return key;
}

oidc::LogoutFacts facts() {
    oidc::LogoutFacts f;
    f.issuer = "https://ktk.example.hu";
    f.clientId = "vkp-client";
    f.sub = "Ab3dEf6hIj9kLm2nOp5qRs";
    f.sid = oidc::sidOf(std::string(64, 'a'));
    f.jti = "jti-1";
    f.now = 1800000000;
    return f;
}

// The token checked with only the public half of `key`.
oidc::Jwt verified(const std::string& token, const oidc::Key& key) {
    const auto pub = oidc::Key::fromPem(key.alg(), key.kid(), key.publicPem());
    CPPUNIT_ASSERT(pub && !pub->hasPrivate());
    const auto jwt = oidc::verifyJwt(token, {*pub});
    CPPUNIT_ASSERT(jwt);
    return *jwt;
}

}  // namespace

class OidcBackchannelTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OidcBackchannelTest);
    CPPUNIT_TEST(testTheLogoutTokenIsTypedAndSignedWithTheKeysAlgAndKid);
    CPPUNIT_TEST(testTheLogoutTokenCarriesExactlyTheClaimsOfTheSpecAndNoNonce);
    CPPUNIT_TEST(testAnEs256ClientGetsAnEs256LogoutToken);
    CPPUNIT_TEST(testTheLogoutTokenNamesTheSessionAndSubjectAsTheIdTokenDid);
    CPPUNIT_TEST(testRetriesWaitTenSecondsThenDoubleUpToTenMinutes);
    CPPUNIT_TEST(testADeliveryIsGivenUpADayAfterItWasQueued);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheLogoutTokenIsTypedAndSignedWithTheKeysAlgAndKid() {
        const oidc::Jwt jwt = verified(oidc::logoutToken(rsaKey(), facts()), rsaKey());
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"alg":"RS256","kid":"rs-1","typ":"logout+jwt"})"),
                             util::jsonText(jwt.header));
        // Another key under the same kid does not verify it.
        const oidc::Key other = oidc::Key::generate(oidc::Alg::RS256, "rs-1");
        CPPUNIT_ASSERT(!oidc::verifyJwt(oidc::logoutToken(rsaKey(), facts()), {other}));
    }
    void testTheLogoutTokenCarriesExactlyTheClaimsOfTheSpecAndNoNonce() {
        const oidc::Jwt jwt = verified(oidc::logoutToken(rsaKey(), facts()), rsaKey());
        const std::string sid = oidc::sidOf(std::string(64, 'a'));
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"iss":"https://ktk.example.hu","sub":"Ab3dEf6hIj9kLm2nOp5qRs",)"
                                         R"("aud":"vkp-client","iat":1800000000,"exp":1800000120,"jti":"jti-1",)"
                                         R"("sid":")") + sid + R"(","events":{"http://schemas.openid.net/event/)"
                                                               R"(backchannel-logout":{}}})",
                             util::jsonText(jwt.claims));
        CPPUNIT_ASSERT(!jwt.claims.contains("nonce"));
        CPPUNIT_ASSERT(jwt.claims.at("events").at(std::string(oidc::kBackchannelLogoutEvent)).is_object());
    }
    void testAnEs256ClientGetsAnEs256LogoutToken() {
        const std::string token = oidc::logoutToken(ecKey(), facts());
        const oidc::Jwt jwt = verified(token, ecKey());
        CPPUNIT_ASSERT_EQUAL(std::string("ES256"), jwt.header.at("alg").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("logout+jwt"), jwt.header.at("typ").get<std::string>());
        std::string signature;
        CPPUNIT_ASSERT(crypto::base64UrlDecode(token.substr(token.rfind('.') + 1), signature));
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), signature.size());  // R‖S, not DER
        CPPUNIT_ASSERT(!oidc::verifyJwt(token, {rsaKey()}));
    }
    void testTheLogoutTokenNamesTheSessionAndSubjectAsTheIdTokenDid() {
        oidc::IdTokenFacts id;
        id.issuer = facts().issuer;
        id.clientId = facts().clientId;
        id.sid = facts().sid;
        id.now = facts().now - 300;
        const util::Json user = {{"sub", facts().sub}};
        const oidc::Jwt idToken = verified(oidc::idToken(rsaKey(), id, user), rsaKey());
        const oidc::Jwt logout = verified(oidc::logoutToken(rsaKey(), facts()), rsaKey());
        for (const char* claim : {"iss", "aud", "sub", "sid"})
            CPPUNIT_ASSERT_EQUAL(idToken.claims.at(claim).get<std::string>(), logout.claims.at(claim).get<std::string>());
        // Two tokens never share a jti when the caller gives each its own.
        oidc::LogoutFacts again = facts();
        again.jti = crypto::randomToken();
        CPPUNIT_ASSERT(verified(oidc::logoutToken(rsaKey(), again), rsaKey()).claims.at("jti") != logout.claims.at("jti"));
    }
    void testRetriesWaitTenSecondsThenDoubleUpToTenMinutes() {
        const std::int64_t expected[] = {10, 20, 40, 80, 160, 320, 600, 600};
        for (unsigned i = 0; i < 8; ++i) CPPUNIT_ASSERT_EQUAL(expected[i], oidc::logoutRetryDelay(i + 1));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(600), oidc::logoutRetryDelay(1000000));
        const std::int64_t queued = 1800000000;
        CPPUNIT_ASSERT_EQUAL(queued + 15, oidc::logoutRetryAt(1, queued, queued + 5).value_or(0));
        CPPUNIT_ASSERT_EQUAL(queued + 3600 + 600, oidc::logoutRetryAt(40, queued, queued + 3600).value_or(0));
    }
    void testADeliveryIsGivenUpADayAfterItWasQueued() {
        const std::int64_t queued = 1800000000, day = oidc::kLogoutGiveUpSeconds;
        CPPUNIT_ASSERT(oidc::logoutRetryAt(140, queued, queued + day - 600));
        CPPUNIT_ASSERT(!oidc::logoutRetryAt(141, queued, queued + day - 599));
        CPPUNIT_ASSERT(!oidc::logoutRetryAt(1, queued, queued + day));
        // Early on a failure is never the last.
        CPPUNIT_ASSERT(oidc::logoutRetryAt(3, queued, queued + 70));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OidcBackchannelTest);
