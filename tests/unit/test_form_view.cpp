// The shared way forms show their problems and the layout every page
// shares: the error summary, each field's own message, the title, the
// versioned static files and the language switch.
#include <cppunit/extensions/HelperMacros.h>

#include "fixtures.h"
#include "web/dispatch.h"
#include "web/page.h"
#include "web/form_view.h"
#include "web/request.h"

using namespace ktk;
using ktk::test::FakeRequest;

namespace {

// GET /form renders the login template with the errors it was given.
class ErrorPage : public web::Handler {
public:
    domain::FormErrors errors;
    web::Response get(web::Context& ctx) override {
        web::Page page = ctx.page("login/login", "login.title");
        page.dict().SetValue("EMAIL", "");
        web::showFormErrors(page, errors,
                            {{"email", "EMAIL_ERROR", "login.username"}, {"password", nullptr, "login.password"}});
        return page.render(422);
    }
};

std::string render(const domain::FormErrors& errors, const std::string& query = "") {
    web::Routes routes;
    auto handler = std::make_unique<ErrorPage>();
    handler->errors = errors;
    routes.push_back({"/form", web::Access::Anyone, std::move(handler)});
    FakeRequest fake({"REQUEST_METHOD=GET", "DOCUMENT_URI=/form", "QUERY_STRING=" + query});
    web::Request req(fake.raw());
    return web::handle(*test::world().services, routes, req).body;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

class FormViewTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(FormViewTest);
    CPPUNIT_TEST(testSummaryLinksEachFieldInPageOrder);
    CPPUNIT_TEST(testSummaryIsAnAlertAtTheTopOfMain);
    CPPUNIT_TEST(testEachFieldShowsItsOwnMessageTiedToIt);
    CPPUNIT_TEST(testTitleSaysErrorInThePagesLanguage);
    CPPUNIT_TEST(testAnErrorOfAnUnlistedFieldIsStillShown);
    CPPUNIT_TEST(testAPageWithoutErrorsHasNoSummary);
    CPPUNIT_TEST(testSectionNameIsTheFieldNameInUpperCase);
    CPPUNIT_TEST(testStaticFilesAreLinkedWithTheirVersion);
    CPPUNIT_TEST(testVisitorsSwitchLanguageWithALinkToTheSamePage);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSummaryLinksEachFieldInPageOrder() {
        domain::FormErrors errors;
        errors.add("password", "login.error.password_required");
        errors.add("email", "login.error.email_required");
        std::string html = render(errors);
        std::size_t email = html.find("<li><a href=\"#email\">Felhasználónév: Adja meg a felhasználónevét");
        std::size_t password = html.find("<li><a href=\"#password\">Jelszó: Adja meg a jelszavát.</a></li>");
        CPPUNIT_ASSERT(email != std::string::npos);
        CPPUNIT_ASSERT(password != std::string::npos);
        CPPUNIT_ASSERT(email < password);
    }

    void testSummaryIsAnAlertAtTheTopOfMain() {
        domain::FormErrors errors;
        errors.add("email", "login.error.email_required");
        std::string html = render(errors);
        std::size_t main = html.find("<main id=\"main\"");
        std::size_t summary = html.find("<div class=\"alert alert-error error-summary\" id=\"error-summary\" role=\"alert\"");
        std::size_t heading = html.find("<h1>");
        CPPUNIT_ASSERT(main < summary && summary < heading);
        CPPUNIT_ASSERT(html.find("Az űrlapot nem sikerült elküldeni") != std::string::npos);
    }

    void testEachFieldShowsItsOwnMessageTiedToIt() {
        domain::FormErrors errors;
        errors.add("email", "login.error.email_required");
        errors.add("password", "login.error.password_required");
        std::string html = render(errors);
        CPPUNIT_ASSERT(html.find("aria-describedby=\"email-hint email-error\" aria-invalid=\"true\"") != std::string::npos);
        CPPUNIT_ASSERT(html.find("<p class=\"field-error\" id=\"email-error\">Adja meg a felhasználónevét") !=
                       std::string::npos);
        // The section of a field given as nullptr is derived from its name.
        CPPUNIT_ASSERT(html.find("<p class=\"field-error\" id=\"password-error\">Adja meg a jelszavát.</p>") !=
                       std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), count(html, "aria-invalid=\"true\""));
    }

    void testTitleSaysErrorInThePagesLanguage() {
        domain::FormErrors errors;
        errors.add("email", "login.error.email_required");
        CPPUNIT_ASSERT(render(errors).find("<title>Hiba – Belépés – KTK</title>") != std::string::npos);
        CPPUNIT_ASSERT(render(errors, "lang=en").find("<title>Error – Log in – KTK</title>") != std::string::npos);
        CPPUNIT_ASSERT(render({}).find("<title>Belépés – KTK</title>") != std::string::npos);
    }

    void testAnErrorOfAnUnlistedFieldIsStillShown() {
        domain::FormErrors errors;
        errors.add("captcha", "validation.captcha.wrong");
        std::string html = render(errors);
        CPPUNIT_ASSERT(html.find("<li><a href=\"#captcha\">A biztonsági kód hibás") != std::string::npos);
    }

    void testAPageWithoutErrorsHasNoSummary() {
        std::string html = render({});
        CPPUNIT_ASSERT(html.find("error-summary") == std::string::npos);
        CPPUNIT_ASSERT(html.find("aria-invalid") == std::string::npos);
    }

    void testSectionNameIsTheFieldNameInUpperCase() {
        CPPUNIT_ASSERT_EQUAL(std::string("PASSWORD_CONFIRM_ERROR"), web::errorSection("password_confirm"));
        CPPUNIT_ASSERT_EQUAL(std::string("EMAIL_ERROR"), web::errorSection("email"));
    }

    void testStaticFilesAreLinkedWithTheirVersion() {
        std::string html = render({});
        const std::string css = "<link rel=\"stylesheet\" href=\"/static/ktk.css?v=";
        std::size_t at = html.find(css);
        CPPUNIT_ASSERT(at != std::string::npos);
        std::string version = html.substr(at + css.size(), 12);
        CPPUNIT_ASSERT_EQUAL(std::string::npos, version.find_first_not_of("0123456789abcdef"));
        CPPUNIT_ASSERT_EQUAL('"', html[at + css.size() + 12]);
        CPPUNIT_ASSERT(html.find("<script src=\"/static/ktk.js?v=" + version + "\" defer></script>") !=
                       std::string::npos);
    }

    void testVisitorsSwitchLanguageWithALinkToTheSamePage() {
        std::string html = render({}, "x=1&lang=hu");
        CPPUNIT_ASSERT(html.find("<a href=\"/form?x=1&amp;lang=en\" hreflang=\"en\" lang=\"en\">English</a>") !=
                       std::string::npos);
        CPPUNIT_ASSERT(html.find("action=\"/language\"") == std::string::npos);
        CPPUNIT_ASSERT(html.find("session-warning") == std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FormViewTest);
