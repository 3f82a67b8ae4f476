// What the provider states about a person (oidc/claims.h) and the rules
// of what it accepts from a client: PKCE S256 (RFC 7636's own example),
// scopes.
#include <cppunit/extensions/HelperMacros.h>

#include "oidc/claims.h"
#include "oidc/grants.h"

using namespace ktk;

namespace {

repo::Account contact() {
    repo::Account a;
    a.id = 42;
    a.email = "anna.kovacs@pilisborosjeno.hu";
    a.lastName = "Kovács";
    a.firstName = "Anna";
    a.phone = "+36301234567";
    a.language = domain::Lang::En;
    a.confirmedAt = "2026-01-06 09:00:00";
    repo::Municipality m;
    m.id = 7;
    m.name = "Pilisborosjenő Község Önkormányzata";
    m.taxNumber = "15730954-2-13";
    a.municipality = m;
    a.linkedAt = "2026-01-07 10:00:00";
    return a;
}

}  // namespace

class OidcClaimsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OidcClaimsTest);
    CPPUNIT_TEST(testEachScopeGivesItsClaimsAndOnlyThose);
    CPPUNIT_TEST(testAClerkGetsTheOfficeAndNoMunicipality);
    CPPUNIT_TEST(testTheIdTokenCarriesTheFactsAndTheSameClaimsAsUserinfo);
    CPPUNIT_TEST(testPkceS256MatchesRfc7636sExampleAndNothingElse);
    CPPUNIT_TEST(testScopesAreKnownOnesWithOpenidInTheProvidersOrder);
    CPPUNIT_TEST(testAnSidIsAFixedOpaqueFunctionOfTheSession);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEachScopeGivesItsClaimsAndOnlyThose() {
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"sub":"S"})"), util::jsonText(oidc::userClaims(contact(), "S", "openid")));
        CPPUNIT_ASSERT_EQUAL(
            std::string(R"({"sub":"S","name":"Kovács Anna","family_name":"Kovács","given_name":"Anna","locale":"en"})"),
            util::jsonText(oidc::userClaims(contact(), "S", "openid profile")));
        CPPUNIT_ASSERT_EQUAL(
            std::string(R"({"sub":"S","email":"anna.kovacs@pilisborosjeno.hu","email_verified":true,)"
                        R"("phone_number":"+36301234567"})"),
            util::jsonText(oidc::userClaims(contact(), "S", "openid email phone")));
        CPPUNIT_ASSERT_EQUAL(
            std::string(R"({"sub":"S","ktk_role":"contact","ktk_municipality":{"name":"Pilisborosjenő Község )"
                        R"(Önkormányzata","tax_number":"15730954-2-13"}})"),
            util::jsonText(oidc::userClaims(contact(), "S", "openid ktk")));
        repo::Account unlinked = contact();
        unlinked.municipality.reset();
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"sub":"S","ktk_role":"contact"})"),
                             util::jsonText(oidc::userClaims(unlinked, "S", "openid ktk")));
    }
    void testAClerkGetsTheOfficeAndNoMunicipality() {
        repo::Account c = contact();
        c.clerk = true;
        c.municipality.reset();
        c.officeId = 3;
        c.officeName = "Szentendrei Járási Hivatal";
        c.language = domain::Lang::Hu;
        CPPUNIT_ASSERT_EQUAL(
            std::string(R"({"sub":"S","locale":"hu","ktk_role":"clerk","ktk_office":{"id":3,"name":"Szentendrei Járási Hivatal"}})"),
            util::jsonText([&] {
                util::Json j = oidc::userClaims(c, "S", "openid profile ktk");
                j.erase("name");
                j.erase("family_name");
                j.erase("given_name");
                return j;
            }()));
    }
    void testTheIdTokenCarriesTheFactsAndTheSameClaimsAsUserinfo() {
        const oidc::Key key = oidc::Key::generate(oidc::Alg::ES256, "k");
        const util::Json user = oidc::userClaims(contact(), "S", "openid profile email ktk");
        oidc::IdTokenFacts f;
        f.issuer = "https://ktk.example.hu";
        f.clientId = "client-1";
        f.nonce = "n-0S6_WzA2Mj";
        f.sid = "0123456789abcdef0123456789abcdef";
        f.authTime = 1790000000;
        f.now = 1790000100;
        const std::optional<oidc::Jwt> t = oidc::verifyJwt(oidc::idToken(key, f, user), {key});
        CPPUNIT_ASSERT(t);
        const util::Json& c = t->claims;
        CPPUNIT_ASSERT_EQUAL(std::string("https://ktk.example.hu"), c["iss"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("client-1"), c["aud"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1790000700), c["exp"].get<std::int64_t>());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1790000100), c["iat"].get<std::int64_t>());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1790000000), c["auth_time"].get<std::int64_t>());
        CPPUNIT_ASSERT_EQUAL(std::string("n-0S6_WzA2Mj"), c["nonce"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(f.sid, c["sid"].get<std::string>());
        for (auto it = user.begin(); it != user.end(); ++it)
            CPPUNIT_ASSERT_EQUAL_MESSAGE(it.key(), util::jsonText(it.value()), util::jsonText(c[it.key()]));
        f.nonce.clear();
        CPPUNIT_ASSERT(!oidc::verifyJwt(oidc::idToken(key, f, user), {key})->claims.contains("nonce"));
    }
    void testPkceS256MatchesRfc7636sExampleAndNothingElse() {
        const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        const std::string challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        CPPUNIT_ASSERT(oidc::validChallenge(challenge));
        CPPUNIT_ASSERT(oidc::pkceMatches(verifier, challenge));
        CPPUNIT_ASSERT(!oidc::pkceMatches(challenge, challenge));  // "plain" is not accepted
        CPPUNIT_ASSERT(!oidc::pkceMatches(verifier + "x", challenge));
        CPPUNIT_ASSERT(!oidc::pkceMatches("", challenge));
        CPPUNIT_ASSERT(!oidc::pkceMatches(std::string(42, 'a'), challenge));   // too short
        CPPUNIT_ASSERT(!oidc::pkceMatches(std::string(129, 'a'), challenge));  // too long
        CPPUNIT_ASSERT(!oidc::pkceMatches(verifier.substr(0, 42) + "=", challenge));
        CPPUNIT_ASSERT(!oidc::validChallenge(challenge + "="));
        CPPUNIT_ASSERT(!oidc::validChallenge("short"));
        CPPUNIT_ASSERT(!oidc::validChallenge(std::string(43, '+')));
    }
    void testScopesAreKnownOnesWithOpenidInTheProvidersOrder() {
        CPPUNIT_ASSERT_EQUAL(std::string("openid profile email ktk"),
                             oidc::normalizeScope("ktk  email openid profile").value_or("?"));
        CPPUNIT_ASSERT_EQUAL(std::string("openid"), oidc::normalizeScope("openid openid").value_or("?"));
        CPPUNIT_ASSERT(!oidc::normalizeScope("profile email"));        // no openid
        CPPUNIT_ASSERT(!oidc::normalizeScope("openid offline_access"));  // not ours
        CPPUNIT_ASSERT(!oidc::normalizeScope(""));
        CPPUNIT_ASSERT(!oidc::normalizeScope("openid\tprofile"));
        CPPUNIT_ASSERT(oidc::hasScope("openid profile ktk", "ktk"));
        CPPUNIT_ASSERT(!oidc::hasScope("openid profile ktk", "kt"));
        CPPUNIT_ASSERT(!oidc::hasScope("openid profile", "phone"));
    }
    void testAnSidIsAFixedOpaqueFunctionOfTheSession() {
        const std::string a = oidc::sidOf(std::string(64, 'a')), b = oidc::sidOf(std::string(64, 'b'));
        CPPUNIT_ASSERT_EQUAL(std::size_t(32), a.size());
        CPPUNIT_ASSERT(a != b);
        CPPUNIT_ASSERT_EQUAL(a, oidc::sidOf(std::string(64, 'a')));
        CPPUNIT_ASSERT(a.find("aaaa") == std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OidcClaimsTest);
