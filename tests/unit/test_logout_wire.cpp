// The lines between the mail worker and ktk-logout-post (oidc/logout_wire.h):
// posts and results travel unchanged, and anything else is refused, so a
// broken or hostile answer never counts as a delivery.
#include <cppunit/extensions/HelperMacros.h>

#include "oidc/logout_wire.h"

using namespace ktk;

class LogoutWireTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LogoutWireTest);
    CPPUNIT_TEST(postsTravelUnchanged);
    CPPUNIT_TEST(onlyVisibleAsciiWithoutSpacesTravels);
    CPPUNIT_TEST(resultsTravelUnchanged);
    CPPUNIT_TEST(anAnswerThatIsNotOneLinePerPostIsRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void postsTravelUnchanged() {
        const std::vector<oidc::LogoutPost> posts = {
            {"https://vkp.example.hu/backchannel?x=1&y=2", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"},
            {"http://127.0.0.1:8081/logout", "a.b.c"}};
        const auto back = oidc::decodePosts(oidc::encodePosts(posts));
        CPPUNIT_ASSERT(back);
        CPPUNIT_ASSERT_EQUAL(posts.size(), back->size());
        for (std::size_t i = 0; i < posts.size(); ++i) {
            CPPUNIT_ASSERT_EQUAL(posts[i].uri, (*back)[i].uri);
            CPPUNIT_ASSERT_EQUAL(posts[i].token, (*back)[i].token);
        }
        CPPUNIT_ASSERT(oidc::decodePosts("")->empty());
    }

    void onlyVisibleAsciiWithoutSpacesTravels() {
        CPPUNIT_ASSERT(!oidc::fitsOnTheWire({"https://a.example/x y", "t"}));
        CPPUNIT_ASSERT(!oidc::fitsOnTheWire({"https://a.example/\n", "t"}));
        CPPUNIT_ASSERT(!oidc::fitsOnTheWire({"https://a.example/", ""}));
        CPPUNIT_ASSERT(!oidc::fitsOnTheWire({"https://\xc3\xa1.example/", "t"}));
        CPPUNIT_ASSERT(oidc::fitsOnTheWire({"https://a.example/", "t"}));
        for (const char* bad : {"https://a.example/ t", "https://a.example/ t\nno-token\n", "uri only\n\n",
                                " t\n", "https://a.example/ t x\n", "https://a.example/ t\r\n"})
            CPPUNIT_ASSERT_MESSAGE(bad, !oidc::decodePosts(bad));
    }

    void resultsTravelUnchanged() {
        std::vector<oidc::PostResult> results(3);
        results[0].delivered = true;
        results[1].error = "http_500";
        results[2].error = "Not a code!";  // whatever the poster said: a plain transport failure
        const auto back = oidc::decodeResults(oidc::encodeResults(results), 3);
        CPPUNIT_ASSERT(back);
        CPPUNIT_ASSERT((*back)[0].delivered);
        CPPUNIT_ASSERT(!(*back)[1].delivered);
        CPPUNIT_ASSERT_EQUAL(std::string("http_500"), (*back)[1].error);
        CPPUNIT_ASSERT_EQUAL(std::string("transport"), (*back)[2].error);
    }

    void anAnswerThatIsNotOneLinePerPostIsRefused() {
        CPPUNIT_ASSERT(!oidc::decodeResults("delivered\n", 2));
        CPPUNIT_ASSERT(!oidc::decodeResults("delivered\ndelivered\n", 1));
        CPPUNIT_ASSERT(!oidc::decodeResults("delivered", 1));
        CPPUNIT_ASSERT(!oidc::decodeResults("Delivered\n", 1));
        CPPUNIT_ASSERT(!oidc::decodeResults("failed \n", 1));
        CPPUNIT_ASSERT(!oidc::decodeResults("failed http 500\n", 1));
        CPPUNIT_ASSERT(!oidc::decodeResults("delivered \n", 1));
        CPPUNIT_ASSERT(oidc::decodeResults("", 0));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LogoutWireTest);
