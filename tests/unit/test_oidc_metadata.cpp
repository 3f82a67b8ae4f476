// What the provider publishes and what it lets an operator register: the
// discovery document, the JWKS, client redirect URIs and names.
#include <cppunit/extensions/HelperMacros.h>

#include "oidc/client_store.h"
#include "oidc/authorize.h"
#include "oidc/metadata.h"
#include "web/response.h"

using namespace ktk;

class OidcMetadataTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OidcMetadataTest);
    CPPUNIT_TEST(testTheDiscoveryDocumentNamesTheIssuersEndpointsAndOnlyWhatIsSupported);
    CPPUNIT_TEST(testTheJwksListsEachKeysPublicJwk);
    CPPUNIT_TEST(testRedirectUrisAreAbsoluteHttpsWithoutFragmentsOrWildcards);
    CPPUNIT_TEST(testPlainHttpOnlyToThisMachine);
    CPPUNIT_TEST(testAClientsNameIsPrintableTextOfAtMost200Characters);
    CPPUNIT_TEST(testAPageOfASignInLetsItsFormsLeadToTheServicesOriginOnly);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheDiscoveryDocumentNamesTheIssuersEndpointsAndOnlyWhatIsSupported() {
        const util::Json d = oidc::discoveryDocument("https://ktk.example.hu");
        CPPUNIT_ASSERT_EQUAL(std::string("https://ktk.example.hu"), d["issuer"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("https://ktk.example.hu/oauth2/authorize"),
                             d["authorization_endpoint"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("https://ktk.example.hu/oauth2/jwks"), d["jwks_uri"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("https://ktk.example.hu/oauth2/logout"),
                             d["end_session_endpoint"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string(R"(["code"])"), util::jsonText(d["response_types_supported"]));
        CPPUNIT_ASSERT_EQUAL(std::string(R"(["S256"])"), util::jsonText(d["code_challenge_methods_supported"]));
        CPPUNIT_ASSERT_EQUAL(std::string(R"(["authorization_code","refresh_token"])"),
                             util::jsonText(d["grant_types_supported"]));
        CPPUNIT_ASSERT_EQUAL(std::string(R"(["openid","profile","email","phone","ktk"])"),
                             util::jsonText(d["scopes_supported"]));
        CPPUNIT_ASSERT(d["authorization_response_iss_parameter_supported"].get<bool>());
    }
    void testTheJwksListsEachKeysPublicJwk() {
        const oidc::Key r = oidc::Key::generate(oidc::Alg::RS256, "r"), e = oidc::Key::generate(oidc::Alg::ES256, "e");
        const util::Json set = oidc::jwks({r, e});
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), set["keys"].size());
        CPPUNIT_ASSERT_EQUAL(util::jsonText(r.publicJwk()), util::jsonText(set["keys"][0]));
        CPPUNIT_ASSERT_EQUAL(util::jsonText(e.publicJwk()), util::jsonText(set["keys"][1]));
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"keys":[]})"), util::jsonText(oidc::jwks({})));
    }
    void testRedirectUrisAreAbsoluteHttpsWithoutFragmentsOrWildcards() {
        for (const char* ok : {"https://vkp.example.hu/redirect_uri", "https://vkp.example.hu:8443/cb?x=1",
                               "https://[2001:db8::1]/cb"})
            CPPUNIT_ASSERT_MESSAGE(ok, !oidc::uriProblem(ok));
        for (const char* bad : {"", "/relative", "vkp.example.hu/cb", "ftp://vkp.example.hu/cb",
                                "https://vkp.example.hu/cb#frag", "https://*.example.hu/cb", "https:///cb",
                                "https://user:pw@vkp.example.hu/cb", "https://vkp.example.hu/a b",
                                "https://vkp.example.hu/\xC3\xA1", "javascript:alert(1)", "https://[::1/cb"})
            CPPUNIT_ASSERT_MESSAGE(bad, oidc::uriProblem(bad));
        CPPUNIT_ASSERT(oidc::uriProblem("https://vkp.example.hu/" + std::string(2000, 'a')));
    }
    void testPlainHttpOnlyToThisMachine() {
        for (const char* ok : {"http://127.0.0.1:8080/cb", "http://localhost/cb", "http://[::1]:9000/cb"})
            CPPUNIT_ASSERT_MESSAGE(ok, !oidc::uriProblem(ok));
        for (const char* bad : {"http://vkp.example.hu/cb", "http://127.0.0.1.evil.example/cb", "http://10.0.0.1/cb"})
            CPPUNIT_ASSERT_MESSAGE(bad, oidc::uriProblem(bad));
    }
    void testAClientsNameIsPrintableTextOfAtMost200Characters() {
        CPPUNIT_ASSERT(oidc::validClientName("Virtuális Közfoglalkoztatási Piac"));
        CPPUNIT_ASSERT(oidc::validClientName(std::string(200, 'a')));
        CPPUNIT_ASSERT(!oidc::validClientName(std::string(201, 'a')));
        CPPUNIT_ASSERT(!oidc::validClientName(""));
        CPPUNIT_ASSERT(!oidc::validClientName("a\nb"));
        CPPUNIT_ASSERT(!oidc::validClientName("a\tb"));
    }
    void testAPageOfASignInLetsItsFormsLeadToTheServicesOriginOnly() {
        CPPUNIT_ASSERT_EQUAL(std::string("https://vkp.example.hu"), oidc::originOf("https://vkp.example.hu/cb?x=1"));
        CPPUNIT_ASSERT_EQUAL(std::string("http://127.0.0.1:8081"), oidc::originOf("http://127.0.0.1:8081/cb"));
        CPPUNIT_ASSERT_EQUAL(std::string("https://[::1]:9"), oidc::originOf("https://[::1]:9?a"));
        web::Response r;
        const std::string plain = web::serialize(r, false, false);
        CPPUNIT_ASSERT(plain.find("form-action 'self'; frame-ancestors 'none'\r\n") != std::string::npos);
        r.formActionOrigin = "https://vkp.example.hu";
        CPPUNIT_ASSERT(web::serialize(r, false, false).find("form-action 'self' https://vkp.example.hu; frame-ancestors") !=
                       std::string::npos);
        // Anything that could end the directive or the header is left out.
        for (const char* bad : {"https://a.hu; script-src *", "https://a.hu\r\nX-Evil: 1", "javascript:x", "https://",
                                "*", "https://a.hu/path"}) {
            r.formActionOrigin = bad;
            CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, plain, web::serialize(r, false, false));
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OidcMetadataTest);
