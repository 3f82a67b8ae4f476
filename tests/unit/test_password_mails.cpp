// The password mails rendered from the real templates and catalogs in both
// languages: the guide's subjects, the name in the language's order, the
// reset link, the time and client address of a change, what to do when it
// was not the owner, the spam folder, and HTML escaping.
#include <cppunit/extensions/HelperMacros.h>

#include "fixtures.h"
#include "mail/compose.h"
#include "service/password_change.h"
#include "service/account_mail.h"
#include "service/password_reset.h"
#include "util/clock.h"

using namespace ktk;

namespace {

const std::string kLink = "https://ktk.example.hu/password/reset?token=abc_DEF-123&lang=";
// 2026. 07. 01. 14:00:00 Hungarian summer time.
const std::int64_t kChangedAt = util::parseSqlTime("2026-07-01 12:00:00");

mail::Rendered render(const char* kind, domain::Lang lang, const char* section = nullptr,
                      const std::string& last = "Kovács", const std::string& first = "Anna") {
    const repo::Account anna = test::mailRecipient(lang, last, first);
    mail::Message m;
    if (section) {  // the notification of a change, as the service builds it
        const auto route = std::string(section) == "VIA_RESET_LINK" ? service::ChangeRoute::ResetLink
                                                                     : service::ChangeRoute::SecurityTab;
        m = service::passwordChangedMail(anna, route, "192.0.2.17", kChangedAt, test::mailConfig());
        m.kind = kind;
    } else {
        m = service::mailTo(anna, kind, test::mailConfig());
        m.values.emplace_back("LINK", kLink + code(lang));  // the reset mail's own
    }
    return test::renderMail(m);
}

}  // namespace

class PasswordMailsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PasswordMailsTest);
    CPPUNIT_TEST(testResetMailCarriesTheLinkAndItsLifetime);
    CPPUNIT_TEST(testResetMailInEnglish);
    CPPUNIT_TEST(testResetMailMentionsTheSpamFolder);
    CPPUNIT_TEST(testChangedMailHasTheGuidesSubjectTimeAndAddress);
    CPPUNIT_TEST(testChangedMailInEnglish);
    CPPUNIT_TEST(testChangedMailSaysWhatToDoWhenItWasNotTheOwner);
    CPPUNIT_TEST(testChangedMailNamesTheRoute);
    CPPUNIT_TEST(testHtmlPartsEscapeTheNameAndTheLink);
    CPPUNIT_TEST(testEveryPartIsFullyRendered);
    CPPUNIT_TEST_SUITE_END();

public:
    void testResetMailCarriesTheLinkAndItsLifetime() {
        mail::Rendered r = render(service::kPasswordResetMailKind, domain::Lang::Hu);
        CPPUNIT_ASSERT_EQUAL(std::string("Jelszó megújítása"), r.subject);
        CPPUNIT_ASSERT(test::contains(r.text, "Kedves Kovács Anna!"));
        CPPUNIT_ASSERT(test::contains(r.text, kLink + "hu\n"));
        CPPUNIT_ASSERT(test::contains(r.text, "1 óráig"));
        CPPUNIT_ASSERT(test::contains(r.text, "Jelszó megújítása gombot"));
        CPPUNIT_ASSERT(test::contains(r.text, "https://ktk.example.hu/password/forgot"));
    }
    void testResetMailInEnglish() {
        mail::Rendered r = render(service::kPasswordResetMailKind, domain::Lang::En);
        CPPUNIT_ASSERT_EQUAL(std::string("Renew your password"), r.subject);
        CPPUNIT_ASSERT(test::contains(r.text, "Dear Anna Kovács,"));
        CPPUNIT_ASSERT(test::contains(r.text, kLink + "en\n"));
        CPPUNIT_ASSERT(test::contains(r.text, "1 hour"));
        CPPUNIT_ASSERT(test::contains(r.html, "<html lang=\"en\">"));
    }
    void testResetMailMentionsTheSpamFolder() {
        CPPUNIT_ASSERT(
            test::contains(render(service::kPasswordResetMailKind, domain::Lang::Hu).text, "spam (levélszemét) mappában"));
        CPPUNIT_ASSERT(
            test::contains(render(service::kPasswordResetMailKind, domain::Lang::En).text, "spam (junk mail) folder"));
    }
    void testChangedMailHasTheGuidesSubjectTimeAndAddress() {
        mail::Rendered r = render(service::kPasswordChangedMailKind, domain::Lang::Hu, "VIA_SECURITY_TAB");
        CPPUNIT_ASSERT_EQUAL(std::string("A jelszava megváltozott"), r.subject);
        CPPUNIT_ASSERT(test::contains(r.text, "Kedves Kovács Anna!"));
        CPPUNIT_ASSERT(test::contains(r.text, "Időpont: 2026. 07. 01. 14:00:00 (magyarországi idő, UTC+2)"));
        CPPUNIT_ASSERT(test::contains(r.text, "IP-címe: 192.0.2.17"));
        CPPUNIT_ASSERT(test::contains(r.html, "192.0.2.17"));
    }
    void testChangedMailInEnglish() {
        mail::Rendered r = render(service::kPasswordChangedMailKind, domain::Lang::En, "VIA_RESET_LINK");
        CPPUNIT_ASSERT_EQUAL(std::string("Your password was changed"), r.subject);
        CPPUNIT_ASSERT(test::contains(r.text, "Dear Anna Kovács,"));
        CPPUNIT_ASSERT(test::contains(r.text, "Time: 2026-07-01 14:00:00 (Hungarian time, UTC+2)"));
        CPPUNIT_ASSERT(test::contains(r.text, "192.0.2.17"));
    }
    void testChangedMailSaysWhatToDoWhenItWasNotTheOwner() {
        mail::Rendered hu = render(service::kPasswordChangedMailKind, domain::Lang::Hu, "VIA_SECURITY_TAB");
        CPPUNIT_ASSERT(test::contains(hu.text, "Ha NEM Ön változtatta meg"));
        CPPUNIT_ASSERT(test::contains(hu.text, "https://ktk.example.hu/password/forgot"));
        CPPUNIT_ASSERT(test::contains(hu.text, test::world().config.helpdeskEmail));
        mail::Rendered en = render(service::kPasswordChangedMailKind, domain::Lang::En, "VIA_SECURITY_TAB");
        CPPUNIT_ASSERT(test::contains(en.text, "If you did NOT change it"));
        CPPUNIT_ASSERT(test::contains(en.text, "https://ktk.example.hu/password/forgot"));
    }
    void testChangedMailNamesTheRoute() {
        mail::Rendered tab = render(service::kPasswordChangedMailKind, domain::Lang::Hu, "VIA_SECURITY_TAB");
        CPPUNIT_ASSERT(test::contains(tab.text, "Biztonság fülön"));
        CPPUNIT_ASSERT(!test::contains(tab.text, "elfelejtett jelszó miatt küldött link"));
        mail::Rendered link = render(service::kPasswordChangedMailKind, domain::Lang::Hu, "VIA_RESET_LINK");
        CPPUNIT_ASSERT(test::contains(link.text, "elfelejtett jelszó miatt küldött link"));
        CPPUNIT_ASSERT(!test::contains(link.text, "Biztonság fülön"));
    }
    void testHtmlPartsEscapeTheNameAndTheLink() {
        mail::Rendered r = render(service::kPasswordResetMailKind, domain::Lang::Hu, nullptr, "<script>", "Anna");
        CPPUNIT_ASSERT(test::contains(r.html, "&lt;script&gt; Anna"));
        CPPUNIT_ASSERT(!test::contains(r.html, "<script>"));
        CPPUNIT_ASSERT(test::contains(r.html, "&amp;lang=hu"));
        CPPUNIT_ASSERT(test::contains(r.text, "Kedves <script> Anna!"));  // plain text is not HTML
    }
    void testEveryPartIsFullyRendered() {
        for (const char* kind : {service::kPasswordResetMailKind, service::kPasswordChangedMailKind})
            for (domain::Lang lang : domain::kAllLangs) {
                mail::Rendered r = render(kind, lang, "VIA_RESET_LINK");
                for (const std::string* part : {&r.subject, &r.text, &r.html}) {
                    CPPUNIT_ASSERT_MESSAGE(kind, !test::contains(*part, "{{"));
                    CPPUNIT_ASSERT_MESSAGE(kind, !test::contains(*part, "AUTOESCAPE"));
                }
                CPPUNIT_ASSERT(r.subject.find_first_of("\r\n") == std::string::npos);
                CPPUNIT_ASSERT(!r.subject.empty());
            }
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(PasswordMailsTest);
