// Forms with a file through the shared loop (web/dispatch.h): the body
// cap, the CSRF check and the bytes the handler gets, with in-memory
// FastCGI requests.
#include <cppunit/extensions/HelperMacros.h>

#include "fixtures.h"
#include "util/clock.h"
#include "web/context.h"
#include "web/dispatch.h"
#include "web/request.h"

using namespace ktk;
using ktk::test::FakeRequest;

namespace {

// Takes a form with a file and keeps what it got.
class Upload : public web::Handler {
public:
    int posts = 0;
    std::optional<web::UploadedFile> file;
    std::size_t files = 0;
    std::string note;
    web::Response post(web::Context& ctx) override {
        ++posts;
        if (const web::UploadedFile* f = ctx.req.upload("file")) file = *f;
        files = ctx.req.uploads().size();
        note = ctx.req.form("note");
        return web::Response::redirect("/done");
    }
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 4096; }
};

struct Fixture {
    Upload* upload;
    web::Routes routes;
    Fixture() {
        auto u = std::make_unique<Upload>();
        upload = u.get();
        routes.push_back({"/upload", web::Access::Anyone, std::move(u)});
    }
};

const std::string kPre = "0123456789abcdef0123456789abcdef";

std::string validToken() { return test::world().csrf->issue("pre:" + kPre, util::now()); }

// A file's bytes as cgicc's parser loses them: NUL, CR LF, a lone CR, the
// boundary without the CRLF before it.
const std::string kFileBytes = std::string("%PDF-1.4\0\r\n\r\r\n\0", 15) + "x--BoUnDaRy\r\n\xff\r\n";

std::string part(const std::string& disposition, const std::string& data) {
    return "--BoUnDaRy\r\nContent-Disposition: form-data; " + disposition + "\r\n\r\n" + data + "\r\n";
}

std::vector<std::string> params(std::size_t length) {
    return {"REQUEST_METHOD=POST", "DOCUMENT_URI=/upload", "CONTENT_TYPE=multipart/form-data; boundary=BoUnDaRy",
            "CONTENT_LENGTH=" + std::to_string(length), "HTTP_COOKIE=ktk_pre=" + kPre};
}

web::Response run(Fixture& fx, std::vector<std::string> params, std::string body) {
    FakeRequest fake(std::move(params), std::move(body));
    web::Request req(fake.raw());
    return web::handle(*test::world().services, fx.routes, req);
}

}  // namespace

class UploadLoopTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UploadLoopTest);
    CPPUNIT_TEST(testAFormWithAFileReachesTheHandlerIntact);
    CPPUNIT_TEST(testAFormWithAFileNeedsItsCsrfTokenToo);
    CPPUNIT_TEST(testAMalformedFormWithAFileIsForbiddenNotAnError);
    CPPUNIT_TEST(testAFormWithAFileShorterThanAnnouncedGivesNothing);
    CPPUNIT_TEST(testAnEncodedFormShorterThanAnnouncedIsForbiddenNotAnError);
    CPPUNIT_TEST(testAFormWithAFileOverTheCapIsRefusedUnread);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAFormWithAFileReachesTheHandlerIntact() {
        Fixture fx;
        std::string body = part("name=\"csrf_token\"", validToken()) + part("name=\"note\"", "árvíz") +
                           part("name=\"file\"; filename=\"C:\\fakepath\\a+b 50%.pdf\"", kFileBytes) + "--BoUnDaRy--";
        web::Response r = run(fx, params(body.size()), body);
        CPPUNIT_ASSERT_EQUAL(303, r.status);
        CPPUNIT_ASSERT_EQUAL(1, fx.upload->posts);
        CPPUNIT_ASSERT_EQUAL(std::string("árvíz"), fx.upload->note);
        CPPUNIT_ASSERT(fx.upload->file);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), fx.upload->files);
        CPPUNIT_ASSERT_EQUAL(std::string("C:\\fakepath\\a+b 50%.pdf"), fx.upload->file->name);
        CPPUNIT_ASSERT_EQUAL(kFileBytes.size(), fx.upload->file->data.size());
        CPPUNIT_ASSERT(kFileBytes == fx.upload->file->data);
    }
    void testAFormWithAFileNeedsItsCsrfTokenToo() {
        Fixture fx;
        std::string body = part("name=\"file\"; filename=\"a.pdf\"", kFileBytes) + "--BoUnDaRy--\r\n";
        CPPUNIT_ASSERT_EQUAL(403, run(fx, params(body.size()), body).status);
        // A token in the file's bytes is no field.
        body = part("name=\"file\"; filename=\"a.pdf\"",
                    "x--BoUnDaRy\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + validToken()) +
               "--BoUnDaRy--\r\n";
        CPPUNIT_ASSERT_EQUAL(403, run(fx, params(body.size()), body).status);
        CPPUNIT_ASSERT_EQUAL(0, fx.upload->posts);
    }
    void testAMalformedFormWithAFileIsForbiddenNotAnError() {
        Fixture fx;
        std::string token = part("name=\"csrf_token\"", validToken());
        for (const std::string& body :
             {token + "--BoUnDaRy\r\nContent-Disposition: form-data; name=\"file\"\r\nno blank line\r\n--BoUnDaRy--",
              token + part("name=\"file\"; filename=\"a.pdf\"", "no close delimiter"),
              token + "--BoUnDaRy\r\n\r\nno headers\r\n--BoUnDaRy--"})
            CPPUNIT_ASSERT_EQUAL(403, run(fx, params(body.size()), body).status);
        std::string good = token + "--BoUnDaRy--";
        std::vector<std::string> quoted = params(good.size());
        quoted[2] = "CONTENT_TYPE=multipart/form-data; boundary=\"BoUnDaRy\"";
        CPPUNIT_ASSERT_EQUAL(303, run(fx, quoted, good).status);
        quoted[2] = "CONTENT_TYPE=multipart/form-datax; boundary=BoUnDaRy";
        CPPUNIT_ASSERT_EQUAL(403, run(fx, quoted, good).status);
        CPPUNIT_ASSERT_EQUAL(1, fx.upload->posts);
    }
    void testAFormWithAFileShorterThanAnnouncedGivesNothing() {
        Fixture fx;
        std::string body = part("name=\"csrf_token\"", validToken()) + "--BoUnDaRy--\r\n";
        CPPUNIT_ASSERT_EQUAL(403, run(fx, params(body.size() + 10), body).status);
        CPPUNIT_ASSERT_EQUAL(0, fx.upload->posts);
    }
    // cgicc throws on a body shorter than its Content-Length: that must be
    // no form (403 without a token), not a 500 page.
    void testAnEncodedFormShorterThanAnnouncedIsForbiddenNotAnError() {
        Fixture fx;
        std::string body = "csrf_token=" + validToken() + "&note=%C3%A1rv%C3%ADz";
        std::vector<std::string> p = params(body.size() + 10);
        p[2] = "CONTENT_TYPE=application/x-www-form-urlencoded";
        CPPUNIT_ASSERT_EQUAL(403, run(fx, p, body).status);
        CPPUNIT_ASSERT_EQUAL(0, fx.upload->posts);
        // The whole body is a form like any other.
        p[3] = "CONTENT_LENGTH=" + std::to_string(body.size());
        CPPUNIT_ASSERT_EQUAL(303, run(fx, p, body).status);
        CPPUNIT_ASSERT_EQUAL(std::string("árvíz"), fx.upload->note);
    }
    void testAFormWithAFileOverTheCapIsRefusedUnread() {
        Fixture fx;
        std::string body = part("name=\"csrf_token\"", validToken()) +
                           part("name=\"file\"; filename=\"a.pdf\"", std::string(5000, 'x')) + "--BoUnDaRy--";
        FakeRequest fake(params(body.size()), body);
        web::Request req(fake.raw());
        web::Response r = web::handle(*test::world().services, fx.routes, req);
        CPPUNIT_ASSERT_EQUAL(413, r.status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), fake.bodyBytesRead());
        CPPUNIT_ASSERT_EQUAL(0, fx.upload->posts);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(UploadLoopTest);
