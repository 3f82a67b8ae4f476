// The mails of the clerks' actions (linked, unlinked, disabled, enabled)
// rendered from the real templates and catalogs in both languages: the
// municipality and tax number, the login address, the person's name in
// the language's order, HTML escaping, and nothing left unrendered.
#include <cppunit/extensions/HelperMacros.h>

#include "fixtures.h"
#include "mail/compose.h"
#include "service/account_admin.h"
#include "service/account_mail.h"

using namespace ktk;

namespace {

const char* const kKinds[] = {service::kLinkedMailKind, service::kUnlinkedMailKind, service::kDisabledMailKind,
                              service::kEnabledMailKind};

mail::Rendered render(const char* kind, domain::Lang lang,
                      const std::string& municipality = "Veresegyház Város Önkormányzata",
                      const char* section = "LINKED") {
    mail::Message m = service::mailTo(test::mailRecipient(lang), kind, test::mailConfig());
    m.values.insert(m.values.end(), {{"MUNICIPALITY", municipality}, {"TAX_NUMBER", "15731034-2-13"}});
    m.sections = {section};
    return test::renderMail(m);
}

}  // namespace

class AdminMailsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AdminMailsTest);
    CPPUNIT_TEST(testLinkedMailNamesTheMunicipalityAndWhereToLogIn);
    CPPUNIT_TEST(testLinkedMailInEnglish);
    CPPUNIT_TEST(testUnlinkedMailSaysLoginIsNotPossibleUntilLinkedAgain);
    CPPUNIT_TEST(testDisabledMailSendsThePersonToTheDistrictOffice);
    CPPUNIT_TEST(testEnabledMailDependsOnWhetherTheAccountIsLinked);
    CPPUNIT_TEST(testMarkupInAMunicipalityNameIsEscapedInHtml);
    CPPUNIT_TEST(testEveryPartIsFullyRendered);
    CPPUNIT_TEST_SUITE_END();

public:
    void testLinkedMailNamesTheMunicipalityAndWhereToLogIn() {
        mail::Rendered r = render(service::kLinkedMailKind, domain::Lang::Hu);
        CPPUNIT_ASSERT_EQUAL(std::string("KTK: fiókját összekapcsolták az önkormányzatával"), r.subject);
        for (const char* text : {"Kedves Kovács Anna!", "anna.kovacs@example.hu", "Veresegyház Város Önkormányzata",
                                 "15731034-2-13", "https://ktk.example.hu/login", "be tud lépni"})
            CPPUNIT_ASSERT_MESSAGE(text, test::contains(r.text, text));
        CPPUNIT_ASSERT(test::contains(r.html, "<a href=\"https://ktk.example.hu/login?lang=hu\">"));
    }
    void testLinkedMailInEnglish() {
        mail::Rendered r = render(service::kLinkedMailKind, domain::Lang::En);
        CPPUNIT_ASSERT_EQUAL(std::string("KTK: your account is now linked to your municipality"), r.subject);
        for (const char* text : {"Dear Anna Kovács,", "Veresegyház Város Önkormányzata", "you can log in",
                                 "https://ktk.example.hu/login"})
            CPPUNIT_ASSERT_MESSAGE(text, test::contains(r.text, text));
        CPPUNIT_ASSERT(test::contains(r.html, "<html lang=\"en\">"));
    }
    void testUnlinkedMailSaysLoginIsNotPossibleUntilLinkedAgain() {
        mail::Rendered hu = render(service::kUnlinkedMailKind, domain::Lang::Hu);
        CPPUNIT_ASSERT(test::contains(hu.text, "Veresegyház Város Önkormányzata"));
        CPPUNIT_ASSERT(test::contains(hu.text, "nem tud belépni"));
        mail::Rendered en = render(service::kUnlinkedMailKind, domain::Lang::En);
        CPPUNIT_ASSERT(test::contains(en.text, "cannot log in"));
        CPPUNIT_ASSERT(test::contains(en.text, "district office"));
    }
    void testDisabledMailSendsThePersonToTheDistrictOffice() {
        mail::Rendered hu = render(service::kDisabledMailKind, domain::Lang::Hu);
        CPPUNIT_ASSERT_EQUAL(std::string("KTK: fiókját letiltották"), hu.subject);
        CPPUNIT_ASSERT(test::contains(hu.text, "járási hivatalához"));
        CPPUNIT_ASSERT(
            test::contains(render(service::kDisabledMailKind, domain::Lang::En).text, "contact your district office"));
    }
    void testEnabledMailDependsOnWhetherTheAccountIsLinked() {
        mail::Rendered linked = render(service::kEnabledMailKind, domain::Lang::En, "Gödöllő", "LINKED");
        CPPUNIT_ASSERT(test::contains(linked.text, "Gödöllő"));
        CPPUNIT_ASSERT(test::contains(linked.text, "https://ktk.example.hu/login"));
        CPPUNIT_ASSERT(!test::contains(linked.text, "not linked to a municipality yet"));
        mail::Rendered unlinked = render(service::kEnabledMailKind, domain::Lang::En, "", "NOT_LINKED");
        CPPUNIT_ASSERT(test::contains(unlinked.text, "not linked to a municipality yet"));
        CPPUNIT_ASSERT(!test::contains(unlinked.text, "https://ktk.example.hu/login"));
    }
    void testMarkupInAMunicipalityNameIsEscapedInHtml() {
        mail::Rendered r = render(service::kLinkedMailKind, domain::Lang::Hu, "<script>alert(1)</script>");
        CPPUNIT_ASSERT(!test::contains(r.html, "<script>"));
        CPPUNIT_ASSERT(test::contains(r.html, "&lt;script&gt;"));
        CPPUNIT_ASSERT(test::contains(r.text, "<script>alert(1)</script>"));  // plain text shows it as it is
    }
    void testEveryPartIsFullyRendered() {
        for (const char* kind : kKinds)
            for (domain::Lang lang : domain::kAllLangs) {
                mail::Rendered r = render(kind, lang);
                for (const std::string* part : {&r.subject, &r.text, &r.html}) {
                    CPPUNIT_ASSERT_MESSAGE(kind, !test::contains(*part, "{{"));
                    CPPUNIT_ASSERT_MESSAGE(kind, !test::contains(*part, "AUTOESCAPE"));
                }
                CPPUNIT_ASSERT(r.subject.find_first_of("\r\n") == std::string::npos);
                CPPUNIT_ASSERT(!r.subject.empty());
                CPPUNIT_ASSERT_MESSAGE(kind, test::contains(r.text, "anna.kovacs@example.hu"));
            }
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(AdminMailsTest);
