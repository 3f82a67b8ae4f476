// The notice of a second factor's reset (service/second_factor_reset.h)
// rendered from the real templates and catalogs in both languages: what
// happened and when, who did it, how a contact and a clerk enrol again,
// and what to do when the person did not ask for it.
#include <cppunit/extensions/HelperMacros.h>

#include "fixtures.h"
#include "mail/compose.h"
#include "service/second_factor_reset.h"

using namespace ktk;

namespace {

// 2026-05-01 12:05:09 UTC: 14:05:09 in Hungary (summer time).
constexpr std::int64_t kAt = 1777637109;

mail::Rendered render(domain::Lang lang, const std::optional<std::string>& office, bool clerk = false) {
    repo::Account a = test::mailRecipient(lang);
    a.clerk = clerk;
    return test::renderMail(service::secondFactorResetMail(a, office, kAt, test::mailConfig()));
}

}  // namespace

class SecondFactorResetMailTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SecondFactorResetMailTest);
    CPPUNIT_TEST(testTheHungarianNoticeSaysWhatWhenAndByWhom);
    CPPUNIT_TEST(testTheEnglishNoticeSaysWhatWhenAndByWhom);
    CPPUNIT_TEST(testAClerkIsToldToEnrolAtTheNextLoginAContactOnTheSecurityTab);
    CPPUNIT_TEST(testAnOfficeNameIsEscapedInHtml);
    CPPUNIT_TEST(testEveryPartIsFullyRendered);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheHungarianNoticeSaysWhatWhenAndByWhom() {
        mail::Rendered r = render(domain::Lang::Hu, std::string("Gödöllői Járási Hivatal"));
        CPPUNIT_ASSERT_EQUAL(std::string("KTK: kikapcsoltuk a fiókja kétlépcsős azonosítását"), r.subject);
        for (const char* text : {"Kedves Kovács Anna!", "anna.kovacs@example.hu", "2026. 05. 01. 14:05:09",
                                 "UTC+2", "a járási hivatal ügyintézője (Gödöllői Járási Hivatal)",
                                 "minden bejelentkezése megszűnt", "Ha NEM Ön kérte",
                                 "https://ktk.example.hu/password/forgot?lang=hu"})
            CPPUNIT_ASSERT_MESSAGE(text, test::contains(r.text, text));
        CPPUNIT_ASSERT(!test::contains(r.text, "üzemeltetője"));
        CPPUNIT_ASSERT(test::contains(render(domain::Lang::Hu, std::nullopt).text, "Ki végezte: a KTK üzemeltetője."));
    }
    void testTheEnglishNoticeSaysWhatWhenAndByWhom() {
        mail::Rendered r = render(domain::Lang::En, std::nullopt);
        CPPUNIT_ASSERT_EQUAL(std::string("KTK: two-step verification was turned off for your account"), r.subject);
        for (const char* text : {"Dear Anna Kovács,", "2026-05-01 14:05:09", "Done by: the KTK operator.",
                                 "every login of your account has ended", "If you did NOT ask for this",
                                 "https://ktk.example.hu/password/forgot?lang=en"})
            CPPUNIT_ASSERT_MESSAGE(text, test::contains(r.text, text));
        CPPUNIT_ASSERT(test::contains(r.html, "<html lang=\"en\">"));
    }
    void testAClerkIsToldToEnrolAtTheNextLoginAContactOnTheSecurityTab() {
        mail::Rendered contact = render(domain::Lang::En, std::nullopt, false);
        mail::Rendered clerk = render(domain::Lang::En, std::nullopt, true);
        CPPUNIT_ASSERT(test::contains(contact.text, "on the Security tab"));
        CPPUNIT_ASSERT(!test::contains(contact.text, "At your next login"));
        CPPUNIT_ASSERT(test::contains(clerk.text, "At your next login"));
        CPPUNIT_ASSERT(!test::contains(clerk.text, "on the Security tab"));
        CPPUNIT_ASSERT(test::contains(render(domain::Lang::Hu, std::nullopt, false).text, "a Biztonság fülön"));
        CPPUNIT_ASSERT(test::contains(render(domain::Lang::Hu, std::nullopt, true).text, "A következő belépéskor"));
    }
    void testAnOfficeNameIsEscapedInHtml() {
        mail::Rendered r = render(domain::Lang::Hu, std::string("<b>Hivatal</b>"));
        CPPUNIT_ASSERT(!test::contains(r.html, "<b>Hivatal"));
        CPPUNIT_ASSERT(test::contains(r.html, "&lt;b&gt;Hivatal"));
    }
    void testEveryPartIsFullyRendered() {
        for (domain::Lang lang : domain::kAllLangs)
            for (bool clerk : {false, true}) {
                mail::Rendered r = render(lang, std::string("Gödöllői Járási Hivatal"), clerk);
                for (const std::string* part : {&r.subject, &r.text, &r.html}) {
                    CPPUNIT_ASSERT(!test::contains(*part, "{{"));
                    CPPUNIT_ASSERT(!test::contains(*part, "AUTOESCAPE"));
                    CPPUNIT_ASSERT(!test::contains(*part, "admin.mail"));
                }
                CPPUNIT_ASSERT(r.subject.find_first_of("\r\n") == std::string::npos);
            }
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(SecondFactorResetMailTest);
