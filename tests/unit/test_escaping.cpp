// Every value a page shows goes through ctemplate's auto-escaping.
#include <cppunit/extensions/HelperMacros.h>

#include "fixtures.h"
#include "web/dispatch.h"
#include "web/page.h"
#include "web/request.h"

using namespace ktk;
using ktk::test::FakeRequest;

namespace {

const std::string kHostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>'";

class HostilePage : public web::Handler {
public:
    web::Response get(web::Context& ctx) override {
        web::Page page = ctx.page("login/login", "login.title");
        page.dict().SetValue("EMAIL", kHostile);
        page.dict().SetValueAndShowSection("MESSAGE", kHostile, "ERROR");
        return page.render();
    }
};

web::Response render(const std::string& query) {
    web::Routes routes;
    routes.push_back({"/login", web::Access::Anyone, std::make_unique<HostilePage>()});
    FakeRequest fake({"REQUEST_METHOD=GET", "DOCUMENT_URI=/login", "QUERY_STRING=" + query});
    web::Request req(fake.raw());
    return web::handle(*test::world().services, routes, req);
}

}  // namespace

class EscapingTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(EscapingTest);
    CPPUNIT_TEST(testHostileValueInAttributeAndTextIsEscaped);
    CPPUNIT_TEST(testHostileQueryStringDoesNotBreakTheLanguageLink);
    CPPUNIT_TEST(testMultiLineTextKeepsItsLinesAndStaysEscaped);
    CPPUNIT_TEST(testHtmlEscapeOfTranslations);
    CPPUNIT_TEST(testUriMarkerPercentEncodesTheTranslationInUtf8);
    CPPUNIT_TEST(testMissingTranslationIsAnError);
    CPPUNIT_TEST(testEveryTemplateLoadsInBothLanguages);
    CPPUNIT_TEST(testMalformedCatalogIsRejected);
    CPPUNIT_TEST_SUITE_END();

public:
    void testHostileValueInAttributeAndTextIsEscaped() {
        web::Response r = render("");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT(r.body.find("<script>alert") == std::string::npos);
        CPPUNIT_ASSERT(r.body.find("<img src=x") == std::string::npos);
        CPPUNIT_ASSERT(r.body.find("value=\"&quot;&gt;&lt;script&gt;") != std::string::npos);
        CPPUNIT_ASSERT(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    }
    void testHostileQueryStringDoesNotBreakTheLanguageLink() {
        web::Response r = render("x=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&lang=hu");
        CPPUNIT_ASSERT(r.body.find("<script>alert") == std::string::npos);
        CPPUNIT_ASSERT(r.body.find("href=\"/login?x=") != std::string::npos);
        CPPUNIT_ASSERT(r.body.find("lang=en\"") != std::string::npos);
    }
    void testMultiLineTextKeepsItsLinesAndStaysEscaped() {
        // ctemplate's html_escape turns a line break into a space; an
        // application's long texts (shown, and put back in the form's
        // textarea) use pre_escape, which keeps it and escapes the rest alike.
        for (const char* name : {"applications/show", "applications/form"}) {
            ctemplate::TemplateDictionary d("t");
            d.SetValue("PUBLIC_TASK", kHostile + "\nsecond line</textarea>");
            const std::string html = test::world().views->expand(domain::Lang::Hu, name, d);
            CPPUNIT_ASSERT_MESSAGE(name, html.find("<script>alert") == std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(name, html.find("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x "
                                                   "onerror=alert(2)&gt;&#39;\nsecond line&lt;/textarea&gt;") !=
                                             std::string::npos);
        }
    }
    void testHtmlEscapeOfTranslations() {
        view::Translator t;
        t.add(domain::Lang::Hu, "k", "a < b & \"c\"");
        CPPUNIT_ASSERT_EQUAL(std::string("<p>a &lt; b &amp; &quot;c&quot;</p>"),
                             view::Views::translate("<p>{{_k}}</p>", domain::Lang::Hu, t, true, "x"));
        CPPUNIT_ASSERT_EQUAL(std::string("a < b & \"c\""),
                             view::Views::translate("{{_k}}", domain::Lang::Hu, t, false, "x"));
    }
    void testUriMarkerPercentEncodesTheTranslationInUtf8() {
        view::Translator t;
        t.add(domain::Lang::Hu, "s", "regisztrációs probléma & <x>+~");
        CPPUNIT_ASSERT_EQUAL(std::string("<a href=\"mailto:a@b.hu?subject=regisztr%C3%A1ci%C3%B3s%20probl%C3%A9ma"
                                         "%20%26%20%3Cx%3E%2B~\">"),
                             view::Views::translate("<a href=\"mailto:a@b.hu?subject={{_s:uri}}\">", domain::Lang::Hu,
                                                    t, true, "x"));
        CPPUNIT_ASSERT_THROW(view::Views::translate("{{_nope:uri}}", domain::Lang::Hu, t, true, "x"),
                             std::runtime_error);
    }
    void testMissingTranslationIsAnError() {
        view::Translator t;
        CPPUNIT_ASSERT_THROW(view::Views::translate("{{_nope}}", domain::Lang::En, t, true, "x"), std::runtime_error);
        CPPUNIT_ASSERT_THROW(view::Views::translate("{{_open", domain::Lang::En, t, true, "x"), std::runtime_error);
    }
    void testEveryTemplateLoadsInBothLanguages() {
        // world() loads every template for both languages or throws.
        CPPUNIT_ASSERT(test::world().views != nullptr);
        for (domain::Lang l : domain::kAllLangs) {
            ctemplate::TemplateDictionary d("t");
            d.SetValue("HEADING", "h");
            CPPUNIT_ASSERT(!test::world().views->expand(l, "errors/error", d).empty());
        }
    }
    void testMalformedCatalogIsRejected() {
        CPPUNIT_ASSERT_THROW(view::Translator::parseMo("not a catalog"), std::runtime_error);
        CPPUNIT_ASSERT_THROW(view::Translator::parseMo(std::string("\xde\x12\x04\x95\0\0\0\0\xff\xff", 10)),
                             std::runtime_error);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(EscapingTest);
