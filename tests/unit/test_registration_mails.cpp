// The registration mails rendered from the real templates and catalogs in
// both languages: subjects, the person's name in the language's order, the
// link in both parts, HTML escaping, and nothing left unrendered.
#include <cppunit/extensions/HelperMacros.h>

#include "fixtures.h"
#include "mail/compose.h"
#include "service/account_mail.h"
#include "service/registration.h"

using namespace ktk;

namespace {

const std::string kLink = "https://ktk.example.hu/confirm?token=abc_DEF-123&lang=";

mail::Rendered render(const char* kind, domain::Lang lang) {
    mail::Message m = service::mailTo(test::mailRecipient(lang), kind, test::mailConfig());
    m.values.emplace_back("LINK", kLink + code(lang));  // the confirmation mail's own
    return test::renderMail(m);
}

}  // namespace

class RegistrationMailsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RegistrationMailsTest);
    CPPUNIT_TEST(testConfirmationMailHasTheGuidesSubjectAndTheLink);
    CPPUNIT_TEST(testConfirmationMailInEnglish);
    CPPUNIT_TEST(testConfirmedMailSendsThePersonToTheDistrictOffice);
    CPPUNIT_TEST(testNoticeMailOffersLoginResetAndResendButNoConfirmationLink);
    CPPUNIT_TEST(testHtmlPartsEscapeTheLink);
    CPPUNIT_TEST(testHelpdeskLinksFillInTheGuidesHungarianSubjectInBothLanguages);
    CPPUNIT_TEST(testEveryPartIsFullyRendered);
    CPPUNIT_TEST_SUITE_END();

public:
    void testConfirmationMailHasTheGuidesSubjectAndTheLink() {
        mail::Rendered r = render(service::kConfirmMailKind, domain::Lang::Hu);
        CPPUNIT_ASSERT_EQUAL(std::string("Regisztráció megerősítése"), r.subject);
        CPPUNIT_ASSERT(test::contains(r.text, "Kedves Kovács Anna!"));
        CPPUNIT_ASSERT(test::contains(r.text, kLink + "hu\n"));
        CPPUNIT_ASSERT(test::contains(r.text, "Megerősítés gombot"));
        CPPUNIT_ASSERT(test::contains(r.text, "72 óráig"));
    }
    void testConfirmationMailInEnglish() {
        mail::Rendered r = render(service::kConfirmMailKind, domain::Lang::En);
        CPPUNIT_ASSERT_EQUAL(std::string("Confirm your registration"), r.subject);
        CPPUNIT_ASSERT(test::contains(r.text, "Dear Anna Kovács,"));
        CPPUNIT_ASSERT(test::contains(r.text, kLink + "en\n"));
        CPPUNIT_ASSERT(test::contains(r.html, "<html lang=\"en\">"));
    }
    void testConfirmedMailSendsThePersonToTheDistrictOffice() {
        mail::Rendered hu = render(service::kConfirmedMailKind, domain::Lang::Hu);
        CPPUNIT_ASSERT(test::contains(hu.subject, "járási hivatal"));
        for (const char* text :
             {"járási hivatal", "adószámát", "anna.kovacs@example.hu", "https://ktk.example.hu/login"})
            CPPUNIT_ASSERT_MESSAGE(text, test::contains(hu.text, text));
        mail::Rendered en = render(service::kConfirmedMailKind, domain::Lang::En);
        for (const char* text : {"district office", "tax number", "https://ktk.example.hu/login"})
            CPPUNIT_ASSERT_MESSAGE(text, test::contains(en.text, text));
    }
    void testNoticeMailOffersLoginResetAndResendButNoConfirmationLink() {
        for (domain::Lang lang : domain::kAllLangs) {
            mail::Rendered r = render(service::kNoticeMailKind, lang);
            CPPUNIT_ASSERT(test::contains(r.text, "https://ktk.example.hu/login"));
            CPPUNIT_ASSERT(test::contains(r.text, "https://ktk.example.hu/password/forgot"));
            CPPUNIT_ASSERT(test::contains(r.text, "https://ktk.example.hu/confirm/resend"));
            CPPUNIT_ASSERT(!test::contains(r.text, "token="));
        }
    }
    void testHtmlPartsEscapeTheLink() {
        for (const char* kind : {service::kConfirmMailKind, service::kConfirmedMailKind, service::kNoticeMailKind}) {
            mail::Rendered r = render(kind, domain::Lang::Hu);
            CPPUNIT_ASSERT_MESSAGE(kind, test::contains(r.html, "Kedves Kovács Anna!"));
            CPPUNIT_ASSERT_MESSAGE(kind, !test::contains(r.html, "&lang=hu\""));
        }
        CPPUNIT_ASSERT(test::contains(render(service::kConfirmMailKind, domain::Lang::Hu).html, "&amp;lang=hu"));
    }
    void testHelpdeskLinksFillInTheGuidesHungarianSubjectInBothLanguages() {
        // The helpdesk sorts by „regisztrációs probléma", whatever the language.
        const std::string link = "href=\"mailto:" + test::mailConfig().helpdeskEmail +
                                 "?subject=regisztr%C3%A1ci%C3%B3s%20probl%C3%A9ma\"";
        for (const char* kind : {service::kConfirmMailKind, service::kConfirmedMailKind, service::kNoticeMailKind})
            for (domain::Lang lang : domain::kAllLangs)
                CPPUNIT_ASSERT_MESSAGE(std::string(kind) + " " + code(lang),
                                       test::contains(render(kind, lang).html, link));
    }
    void testEveryPartIsFullyRendered() {
        for (const char* kind : {service::kConfirmMailKind, service::kConfirmedMailKind, service::kNoticeMailKind})
            for (domain::Lang lang : domain::kAllLangs) {
                mail::Rendered r = render(kind, lang);
                for (const std::string* part : {&r.subject, &r.text, &r.html}) {
                    CPPUNIT_ASSERT_MESSAGE(kind, !test::contains(*part, "{{"));
                    CPPUNIT_ASSERT_MESSAGE(kind, !test::contains(*part, "AUTOESCAPE"));
                }
                CPPUNIT_ASSERT(r.subject.find_first_of("\r\n") == std::string::npos);
                CPPUNIT_ASSERT(!r.subject.empty());
            }
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(RegistrationMailsTest);
