// Sessions without a database: the cookie's shape and flags, which cookie
// values are looked up at all, and where in the loop the lookup happens.
#include <cppunit/extensions/HelperMacros.h>

#include "crypto/random.h"
#include "fixtures.h"
#include "web/dispatch.h"
#include "repo/sessions.h"
#include "util/clock.h"
#include "web/context.h"
#include "web/request.h"
#include "web/session_cookie.h"

using namespace ktk;
using ktk::test::FakeRequest;

namespace {

class WhoAmI : public web::Handler {
public:
    int calls = 0;
    web::Response get(web::Context& ctx) override {
        ++calls;
        return web::Response::plain(200, ctx.user() ? "user" : "anonymous");
    }
    web::Response post(web::Context& ctx) override { return get(ctx); }
    bool acceptsPost() const override { return true; }
};

struct Fixture {
    WhoAmI* handler;
    web::Routes routes;
    Fixture() {
        auto h = std::make_unique<WhoAmI>();
        handler = h.get();
        routes.push_back({"/who", web::Access::Anyone, std::move(h)});
    }
    web::Response run(std::vector<std::string> params, std::string body = "") {
        FakeRequest fake(std::move(params), std::move(body));
        web::Request req(fake.raw());
        return web::handle(*test::world().services, routes, req);
    }
};

const web::Cookie* find(const web::Response& r, const std::string& name) {
    for (const auto& c : r.cookies)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

class SessionTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SessionTest);
    CPPUNIT_TEST(testCookieIsHttpOnlyLaxAndEndsWithTheBrowser);
    CPPUNIT_TEST(testCookieUnderTlsIsSecureWithHostPrefix);
    CPPUNIT_TEST(testIssuedIdsAreWellFormedAndOthersAreNot);
    CPPUNIT_TEST(testOnlyTheSha256OfTheIdIsStored);
    CPPUNIT_TEST(testNoCookieMeansNoLookupAndNoUser);
    CPPUNIT_TEST(testMalformedCookieIsExpiredWithoutALookup);
    CPPUNIT_TEST(testWellFormedCookieIsLookedUpBeforeTheCsrfCheck);
    CPPUNIT_TEST_SUITE_END();

public:
    void testCookieIsHttpOnlyLaxAndEndsWithTheBrowser() {
        CPPUNIT_ASSERT_EQUAL(std::string("ktk_session=abc; Path=/; HttpOnly; SameSite=Lax"),
                             web::sessionCookie("abc", false).serialize());
    }
    void testCookieUnderTlsIsSecureWithHostPrefix() {
        CPPUNIT_ASSERT_EQUAL(std::string("__Host-ktk_session=abc; Path=/; HttpOnly; Secure; SameSite=Lax"),
                             web::sessionCookie("abc", true).serialize());
    }
    void testIssuedIdsAreWellFormedAndOthersAreNot() {
        for (int i = 0; i < 50; ++i) CPPUNIT_ASSERT(crypto::isToken(crypto::randomToken()));
        CPPUNIT_ASSERT(!crypto::isToken(""));
        CPPUNIT_ASSERT(!crypto::isToken(std::string(42, 'a')));
        CPPUNIT_ASSERT(!crypto::isToken(std::string(44, 'a')));
        CPPUNIT_ASSERT(!crypto::isToken(std::string(42, 'a') + "="));
        CPPUNIT_ASSERT(!crypto::isToken(std::string(42, 'a') + "/"));
        CPPUNIT_ASSERT(!crypto::isToken(std::string(42, 'a') + "'"));
    }
    void testOnlyTheSha256OfTheIdIsStored() {
        std::string id = crypto::randomToken();
        CPPUNIT_ASSERT_EQUAL(crypto::sha256Hex(id), repo::sessionIdHash(id));
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), repo::sessionIdHash(id).size());
        // FIPS 180-2's examples (one block, two blocks) and the empty input.
        CPPUNIT_ASSERT_EQUAL(std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                             crypto::sha256Hex("abc"));
        CPPUNIT_ASSERT_EQUAL(std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
                             crypto::sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        CPPUNIT_ASSERT_EQUAL(std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                             crypto::sha256Hex(""));
    }
    void testNoCookieMeansNoLookupAndNoUser() {
        Fixture fx;  // the test database is unreachable: a lookup would give 503
        web::Response r = fx.run({"REQUEST_METHOD=GET", "DOCUMENT_URI=/who", "HTTP_COOKIE=ktk_lang=en"});
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("anonymous"), r.body);
        CPPUNIT_ASSERT(!find(r, "ktk_session"));
    }
    void testMalformedCookieIsExpiredWithoutALookup() {
        Fixture fx;
        web::Response r = fx.run({"REQUEST_METHOD=GET", "DOCUMENT_URI=/who", "HTTPS=on",
                                  "HTTP_COOKIE=__Host-ktk_session=' OR 1=1 --"});
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("anonymous"), r.body);
        const web::Cookie* c = find(r, "__Host-ktk_session");
        CPPUNIT_ASSERT(c);
        CPPUNIT_ASSERT_EQUAL(0L, c->maxAge);
        CPPUNIT_ASSERT(c->secure);
    }
    void testWellFormedCookieIsLookedUpBeforeTheCsrfCheck() {
        Fixture fx;
        // No valid token at all: were the CSRF check first, this would be 403.
        std::string body = "csrf_token=x";
        web::Response r = fx.run({"REQUEST_METHOD=POST", "DOCUMENT_URI=/who",
                                  "CONTENT_TYPE=application/x-www-form-urlencoded",
                                  "CONTENT_LENGTH=" + std::to_string(body.size()),
                                  "HTTP_COOKIE=ktk_session=" + crypto::randomToken()},
                                 body);
        CPPUNIT_ASSERT_EQUAL(503, r.status);  // the lookup met the unreachable test database
        CPPUNIT_ASSERT_EQUAL(0, fx.handler->calls);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SessionTest);
