#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

#include "web/cookie.h"

using ktk::web::Cookie;
using ktk::web::findCookie;

class CookieTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CookieTest);
    CPPUNIT_TEST(testDefaultCookieIsHttpOnlyLaxOnRootPath);
    CPPUNIT_TEST(testSecureCookieSaysSecure);
    CPPUNIT_TEST(testMaxAgeAndStrict);
    CPPUNIT_TEST(testExpiredCookieHasMaxAgeZero);
    CPPUNIT_TEST(testValueWithSemicolonOrNewlineIsRefused);
    CPPUNIT_TEST(testBadNameIsRefused);
    CPPUNIT_TEST(testFindCookieAmongSeveral);
    CPPUNIT_TEST(testFindCookieDoesNotMatchPrefixes);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDefaultCookieIsHttpOnlyLaxOnRootPath() {
        Cookie c;
        c.name = "ktk_pre";
        c.value = "abc123";
        CPPUNIT_ASSERT_EQUAL(std::string("ktk_pre=abc123; Path=/; HttpOnly; SameSite=Lax"), c.serialize());
    }
    void testSecureCookieSaysSecure() {
        Cookie c;
        c.name = "__Host-ktk_session";
        c.value = "v";
        c.secure = true;
        CPPUNIT_ASSERT_EQUAL(std::string("__Host-ktk_session=v; Path=/; HttpOnly; Secure; SameSite=Lax"),
                             c.serialize());
    }
    void testMaxAgeAndStrict() {
        Cookie c;
        c.name = "n";
        c.value = "v";
        c.maxAge = 60;
        c.httpOnly = false;
        c.sameSite = ktk::web::SameSite::Strict;
        CPPUNIT_ASSERT_EQUAL(std::string("n=v; Path=/; Max-Age=60; SameSite=Strict"), c.serialize());
    }
    void testExpiredCookieHasMaxAgeZero() {
        CPPUNIT_ASSERT_EQUAL(std::string("n=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"),
                             Cookie::expired("n", false).serialize());
    }
    void testValueWithSemicolonOrNewlineIsRefused() {
        for (const char* bad : {"a;b", "a\r\nSet-Cookie: x=1", "a b", "a\"b", "a,b"}) {
            Cookie c;
            c.name = "n";
            c.value = bad;
            CPPUNIT_ASSERT_THROW(c.serialize(), std::invalid_argument);
        }
    }
    void testBadNameIsRefused() {
        for (const char* bad : {"", "a=b", "a b", "a;"}) {
            Cookie c;
            c.name = bad;
            c.value = "v";
            CPPUNIT_ASSERT_THROW(c.serialize(), std::invalid_argument);
        }
    }
    void testFindCookieAmongSeveral() {
        CPPUNIT_ASSERT_EQUAL(std::string("2"), findCookie("a=1; ktk_pre=2; b=3", "ktk_pre"));
        CPPUNIT_ASSERT_EQUAL(std::string("3"), findCookie("a=1;b=3", "b"));
        CPPUNIT_ASSERT_EQUAL(std::string("q"), findCookie("a=\"q\"", "a"));
        CPPUNIT_ASSERT_EQUAL(std::string(), findCookie("a=1", "b"));
        CPPUNIT_ASSERT_EQUAL(std::string(), findCookie("", "b"));
    }
    void testFindCookieDoesNotMatchPrefixes() {
        CPPUNIT_ASSERT_EQUAL(std::string(), findCookie("xktk_pre=1", "ktk_pre"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), findCookie("ktk_prex=1; ktk_pre=2", "ktk_pre"));
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(CookieTest);
