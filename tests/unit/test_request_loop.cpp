// The shared loop's guards, driven with in-memory FastCGI requests.
#include <cppunit/extensions/HelperMacros.h>

#include "fixtures.h"
#include "web/dispatch.h"
#include "util/clock.h"
#include "web/context.h"
#include "web/request.h"

using namespace ktk;
using ktk::test::FakeRequest;

namespace {

class EchoForm : public web::Handler {
public:
    int posts = 0;
    std::string lastName;
    web::Response get(web::Context&) override { return web::Response::plain(200, "form"); }
    web::Response post(web::Context& ctx) override {
        ++posts;
        lastName = ctx.req.form("name");
        return web::Response::redirect("/done");
    }
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 100; }
};

class GetOnly : public web::Handler {
public:
    web::Response get(web::Context&) override { return web::Response::plain(200, "get"); }
};

// Answers with where the language switch would return to.
class Here : public web::Handler {
public:
    web::Response get(web::Context& ctx) override { return web::Response::plain(200, ctx.urlWithoutLang()); }
};

class Boom : public web::Handler {
public:
    web::Response get(web::Context&) override { throw std::runtime_error("secret SQL: SELECT * FROM users"); }
};

class DbDown : public web::Handler {
public:
    web::Response get(web::Context&) override { throw db::Unavailable("connect refused on 10.0.0.5"); }
};

struct Fixture {
    EchoForm* form;
    web::Routes routes;
    Fixture() {
        auto f = std::make_unique<EchoForm>();
        form = f.get();
        routes.push_back({"/form", web::Access::Anyone, std::move(f)});
        routes.push_back({"/get", web::Access::Anyone, std::make_unique<GetOnly>()});
        routes.push_back({"/boom", web::Access::Anyone, std::make_unique<Boom>()});
        for (const char* path : {"/here", "/\t/evil.example", "/\\evil.example", "/h\xc3\xa9r%e", "/a\r\nb"})
            routes.push_back({path, web::Access::Anyone, std::make_unique<Here>()});
        routes.push_back({"/down", web::Access::Anyone, std::make_unique<DbDown>()});
    }
};

const std::string kPre = "0123456789abcdef0123456789abcdef";

std::string validToken() { return test::world().csrf->issue("pre:" + kPre, util::now()); }

web::Response run(Fixture& fx, std::vector<std::string> params, std::string body = "") {
    FakeRequest fake(std::move(params), std::move(body));
    web::Request req(fake.raw());
    return web::handle(*test::world().services, fx.routes, req);
}

bool hasHeader(const web::Response& r, const std::string& name, const std::string& value) {
    for (const auto& [n, v] : r.headers)
        if (n == name && v == value) return true;
    return false;
}

}  // namespace

class RequestLoopTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RequestLoopTest);
    CPPUNIT_TEST(testOversizedBodyIsRefusedBeforeAnyByteIsRead);
    CPPUNIT_TEST(testUnparseableContentLengthIsRefusedUnread);
    CPPUNIT_TEST(testBodyWithinTheCapReachesTheHandler);
    CPPUNIT_TEST(testPutGets405WithAllow);
    CPPUNIT_TEST(testPostToGetOnlyRouteGets405Unread);
    CPPUNIT_TEST(testPostWithoutCsrfTokenIsForbidden);
    CPPUNIT_TEST(testPostWithoutPreSessionCookieIsForbidden);
    CPPUNIT_TEST(testPostWithTokenOfAnotherVisitorIsForbidden);
    CPPUNIT_TEST(testUnknownPathIs404);
    CPPUNIT_TEST(testExceptionTextNeverReachesTheClient);
    CPPUNIT_TEST(testDatabaseDownGivesTranslated503);
    CPPUNIT_TEST(testSecurityHeadersAreOnEveryResponse);
    CPPUNIT_TEST(testHeadSendsHeadersWithoutBody);
    CPPUNIT_TEST(testEveryStatusTheProgramsAnswerHasItsReasonPhrase);
    CPPUNIT_TEST(testLangQuerySetsTheLanguageCookie);
    CPPUNIT_TEST(testRedirectRefusesOtherSites);
    CPPUNIT_TEST(testTheLanguageSwitchReturnsOnlyToAnEncodedLocalPath);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOversizedBodyIsRefusedBeforeAnyByteIsRead() {
        Fixture fx;
        std::string body = "csrf_token=" + validToken() + "&name=" + std::string(200, 'x');
        FakeRequest fake({"REQUEST_METHOD=POST", "DOCUMENT_URI=/form", "CONTENT_LENGTH=" + std::to_string(body.size()),
                          "HTTP_COOKIE=ktk_pre=" + kPre},
                         body);
        web::Request req(fake.raw());
        web::Response r = web::handle(*test::world().services, fx.routes, req);
        CPPUNIT_ASSERT_EQUAL(413, r.status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), fake.bodyBytesRead());
        CPPUNIT_ASSERT_EQUAL(0, fx.form->posts);
    }
    void testUnparseableContentLengthIsRefusedUnread() {
        Fixture fx;
        web::Response r = run(fx, {"REQUEST_METHOD=POST", "DOCUMENT_URI=/form", "CONTENT_LENGTH=12x"}, "name=a");
        CPPUNIT_ASSERT_EQUAL(413, r.status);
    }
    void testBodyWithinTheCapReachesTheHandler() {
        Fixture fx;
        std::string body = "csrf_token=" + validToken() + "&name=%C3%A1rv%C3%ADz";
        web::Response r = run(fx, {"REQUEST_METHOD=POST", "DOCUMENT_URI=/form",
                                   "CONTENT_TYPE=application/x-www-form-urlencoded",
                                   "CONTENT_LENGTH=" + std::to_string(body.size()), "HTTP_COOKIE=ktk_pre=" + kPre},
                              body);
        CPPUNIT_ASSERT_EQUAL(303, r.status);
        CPPUNIT_ASSERT_EQUAL(1, fx.form->posts);
        CPPUNIT_ASSERT_EQUAL(std::string("árvíz"), fx.form->lastName);
    }
    void testPutGets405WithAllow() {
        Fixture fx;
        web::Response r = run(fx, {"REQUEST_METHOD=PUT", "DOCUMENT_URI=/form", "CONTENT_LENGTH=3"}, "abc");
        CPPUNIT_ASSERT_EQUAL(405, r.status);
        CPPUNIT_ASSERT(hasHeader(r, "Allow", "GET, HEAD, POST"));
    }
    void testPostToGetOnlyRouteGets405Unread() {
        Fixture fx;
        web::Response r = run(fx, {"REQUEST_METHOD=POST", "DOCUMENT_URI=/get", "CONTENT_LENGTH=3"}, "a=b");
        CPPUNIT_ASSERT_EQUAL(405, r.status);
        CPPUNIT_ASSERT(hasHeader(r, "Allow", "GET, HEAD"));
    }
    void testPostWithoutCsrfTokenIsForbidden() {
        Fixture fx;
        web::Response r = run(fx, {"REQUEST_METHOD=POST", "DOCUMENT_URI=/form", "CONTENT_LENGTH=6",
                                   "HTTP_COOKIE=ktk_pre=" + kPre},
                              "name=a");
        CPPUNIT_ASSERT_EQUAL(403, r.status);
        CPPUNIT_ASSERT_EQUAL(0, fx.form->posts);
    }
    void testPostWithoutPreSessionCookieIsForbidden() {
        Fixture fx;
        std::string body = "csrf_token=" + validToken();
        web::Response r = run(fx, {"REQUEST_METHOD=POST", "DOCUMENT_URI=/form",
                                   "CONTENT_LENGTH=" + std::to_string(body.size())},
                              body);
        CPPUNIT_ASSERT_EQUAL(403, r.status);
    }
    void testPostWithTokenOfAnotherVisitorIsForbidden() {
        Fixture fx;
        std::string body = "csrf_token=" + validToken();
        web::Response r = run(fx, {"REQUEST_METHOD=POST", "DOCUMENT_URI=/form",
                                   "CONTENT_LENGTH=" + std::to_string(body.size()),
                                   "HTTP_COOKIE=ktk_pre=ffffffffffffffffffffffffffffffff"},
                              body);
        CPPUNIT_ASSERT_EQUAL(403, r.status);
    }
    void testUnknownPathIs404() {
        Fixture fx;
        CPPUNIT_ASSERT_EQUAL(404, run(fx, {"REQUEST_METHOD=GET", "DOCUMENT_URI=/nope"}).status);
    }
    void testExceptionTextNeverReachesTheClient() {
        Fixture fx;
        web::Response r = run(fx, {"REQUEST_METHOD=GET", "DOCUMENT_URI=/boom"});
        CPPUNIT_ASSERT_EQUAL(500, r.status);
        CPPUNIT_ASSERT(r.body.find("SELECT") == std::string::npos);
        CPPUNIT_ASSERT(r.body.find("secret") == std::string::npos);
        CPPUNIT_ASSERT(r.body.find("Váratlan hiba") != std::string::npos);
        CPPUNIT_ASSERT(r.body.find("class=\"incident\"") != std::string::npos);
    }
    void testDatabaseDownGivesTranslated503() {
        Fixture fx;
        web::Response hu = run(fx, {"REQUEST_METHOD=GET", "DOCUMENT_URI=/down"});
        CPPUNIT_ASSERT_EQUAL(503, hu.status);
        CPPUNIT_ASSERT(hu.body.find("átmenetileg nem érhető el") != std::string::npos);
        CPPUNIT_ASSERT(hu.body.find("10.0.0.5") == std::string::npos);
        web::Response en = run(fx, {"REQUEST_METHOD=GET", "DOCUMENT_URI=/down", "QUERY_STRING=lang=en"});
        CPPUNIT_ASSERT(en.body.find("temporarily unavailable") != std::string::npos);
    }
    void testSecurityHeadersAreOnEveryResponse() {
        Fixture fx;
        for (const char* path : {"DOCUMENT_URI=/get", "DOCUMENT_URI=/nope", "DOCUMENT_URI=/boom"}) {
            std::string wire = web::serialize(run(fx, {"REQUEST_METHOD=GET", path}), false, false);
            for (const char* h : {"Content-Security-Policy: default-src 'self'", "frame-ancestors 'none'",
                                  "X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer",
                                  "Cache-Control: no-store"})
                CPPUNIT_ASSERT_MESSAGE(std::string(path) + " lacks " + h, wire.find(h) != std::string::npos);
            CPPUNIT_ASSERT(wire.find("unsafe-inline") == std::string::npos);
            CPPUNIT_ASSERT(wire.find("Strict-Transport-Security") == std::string::npos);
        }
        std::string tls = web::serialize(run(fx, {"REQUEST_METHOD=GET", "DOCUMENT_URI=/get", "HTTPS=on"}), false, true);
        CPPUNIT_ASSERT(tls.find("Strict-Transport-Security: max-age=") != std::string::npos);
    }
    void testHeadSendsHeadersWithoutBody() {
        Fixture fx;
        web::Response r = run(fx, {"REQUEST_METHOD=HEAD", "DOCUMENT_URI=/get"});
        std::string wire = web::serialize(r, true, false);
        CPPUNIT_ASSERT(wire.find("Content-Length: 3\r\n") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(wire.size() - 4, wire.rfind("\r\n\r\n"));
    }
    void testEveryStatusTheProgramsAnswerHasItsReasonPhrase() {
        // 401: the OAuth endpoints' invalid_client and invalid_token.
        for (int status : {200, 303, 400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 503})
            CPPUNIT_ASSERT_MESSAGE(std::to_string(status), std::string(web::statusText(status)) != "Unknown");
        const std::string wire = web::serialize(web::Response::plain(401, ""), false, false);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), wire.find("Status: 401 Unauthorized\r\n"));
    }
    void testLangQuerySetsTheLanguageCookie() {
        Fixture fx;
        web::Response r = run(fx, {"REQUEST_METHOD=GET", "DOCUMENT_URI=/get", "QUERY_STRING=lang=en"});
        bool found = false;
        for (const auto& c : r.cookies) found |= c.name == "ktk_lang" && c.value == "en";
        CPPUNIT_ASSERT(found);
    }
    void testRedirectRefusesOtherSites() {
        for (const char* bad : {"//evil.test/x", "https://evil.test", "/\\evil.test", "", "/\t/evil.test",
                                "/\r\nSet-Cookie: x=1", "/%09/evil.test", "/\xc2\x85"}) {
            web::Response r = web::Response::redirect(bad);
            CPPUNIT_ASSERT(hasHeader(r, "Location", "/"));
        }
        CPPUNIT_ASSERT(hasHeader(web::Response::redirect("/home?x=1"), "Location", "/home?x=1"));
    }
    void testTheLanguageSwitchReturnsOnlyToAnEncodedLocalPath() {
        Fixture fx;
        auto here = [&](const std::string& path, const std::string& query) {
            return run(fx, {"REQUEST_METHOD=GET", "DOCUMENT_URI=" + path, "QUERY_STRING=" + query}).body;
        };
        CPPUNIT_ASSERT_EQUAL(std::string("/here?q=a%2Fb"), here("/here", "lang=en&q=a%2Fb"));
        // nginx hands the path over decoded: what came as %09 or %5C is a
        // TAB or a backslash here, and must not come back as one.
        CPPUNIT_ASSERT_EQUAL(std::string("/"), here("/\t/evil.example", ""));
        CPPUNIT_ASSERT_EQUAL(std::string("/"), here("/\\evil.example", ""));
        CPPUNIT_ASSERT_EQUAL(std::string("/h%C3%A9r%25e"), here("/h\xc3\xa9r%e", "lang=hu"));
        CPPUNIT_ASSERT_EQUAL(std::string("/"), here("/a\r\nb", ""));
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(RequestLoopTest);
