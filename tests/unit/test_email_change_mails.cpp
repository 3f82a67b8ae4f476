// The mails of an address change rendered from the real templates and
// catalogs in both languages: the right address and the name in the
// language's order, the links and how long they work, who asked (the
// owner or the district office), the parts meant for the old or the new
// address only, the spam folder, HTML escaping, nothing left unrendered.
#include <cppunit/extensions/HelperMacros.h>

#include "fixtures.h"
#include "mail/compose.h"
#include "service/account_mail.h"
#include "service/email_change.h"
#include "util/clock.h"

using namespace ktk;

namespace {

const std::string kOld = "anna.kovacs@example.hu";
const std::string kNew = "uj.cim@example.org";
const std::string kConfirm = "https://ktk.example.hu/profile/email/confirm?token=abc_DEF-123&lang=hu";
const std::string kCancel = "https://ktk.example.hu/profile/email/cancel?token=xyz_987-UVW&lang=hu";
// 2026. 07. 01. 14:00:00 Hungarian summer time.
const std::int64_t kAt = util::parseSqlTime("2026-07-01 12:00:00");

repo::Account anna(domain::Lang lang, const std::string& last = "Kovács") {
    repo::Account a = test::mailRecipient(lang, last, "Anna");
    a.email = kOld;
    return a;
}

mail::Rendered confirmMail(domain::Lang lang) {
    return test::renderMail(service::emailChangeConfirmMail(anna(lang), kNew, kConfirm, kAt, test::mailConfig()));
}
mail::Rendered noticeMail(domain::Lang lang, bool byOffice) {
    return test::renderMail(
        service::emailChangeNoticeMail(anna(lang), kNew, kCancel, byOffice, kAt, test::mailConfig()));
}
mail::Rendered changedMail(domain::Lang lang, bool toOld) {
    return test::renderMail(
        service::emailChangedMail(anna(lang), toOld, kOld, kNew, toOld ? kCancel : "", kAt, test::mailConfig()));
}
mail::Rendered revertedMail(domain::Lang lang, bool toOld) {
    return test::renderMail(service::emailChangeRevertedMail(anna(lang), toOld, kOld, kNew, kAt, test::mailConfig()));
}

}  // namespace

class EmailChangeMailsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(EmailChangeMailsTest);
    CPPUNIT_TEST(testConfirmMailGoesToTheNewAddressWithTheLink);
    CPPUNIT_TEST(testConfirmMailInEnglish);
    CPPUNIT_TEST(testNoticeSaysWhatWasAskedAndHowToCancel);
    CPPUNIT_TEST(testNoticeNamesWhoAsked);
    CPPUNIT_TEST(testChangedMailToTheOldAddressCarriesTheWayBack);
    CPPUNIT_TEST(testChangedMailToTheNewAddressHasNoWayBack);
    CPPUNIT_TEST(testRevertedMailsAskForANewPassword);
    CPPUNIT_TEST(testHtmlPartsEscapeTheAddresses);
    CPPUNIT_TEST(testEveryPartIsFullyRendered);
    CPPUNIT_TEST_SUITE_END();

public:
    void testConfirmMailGoesToTheNewAddressWithTheLink() {
        const mail::Message m = service::emailChangeConfirmMail(anna(domain::Lang::Hu), kNew, kConfirm, kAt,
                                                                test::mailConfig());
        CPPUNIT_ASSERT_EQUAL(kNew, m.toAddress);
        mail::Rendered r = test::renderMail(m);
        CPPUNIT_ASSERT_EQUAL(std::string("Erősítse meg az új e-mail címét"), r.subject);
        CPPUNIT_ASSERT(test::contains(r.text, "Kedves Kovács Anna!"));
        CPPUNIT_ASSERT(test::contains(r.text, kConfirm + "\n"));
        CPPUNIT_ASSERT(test::contains(r.text, "24 óráig"));
        CPPUNIT_ASSERT(test::contains(r.text, "Megerősítés gombot"));
        CPPUNIT_ASSERT(test::contains(r.text, "spam (levélszemét)"));
        // Whoever reads the new mailbox does not learn the old address.
        CPPUNIT_ASSERT(!test::contains(r.text, kOld));
        CPPUNIT_ASSERT(!test::contains(r.html, kOld));
    }
    void testConfirmMailInEnglish() {
        mail::Rendered r = confirmMail(domain::Lang::En);
        CPPUNIT_ASSERT_EQUAL(std::string("Confirm your new e-mail address"), r.subject);
        CPPUNIT_ASSERT(test::contains(r.text, "Dear Anna Kovács,"));
        CPPUNIT_ASSERT(test::contains(r.text, "24 hours"));
        CPPUNIT_ASSERT(test::contains(r.html, "<html lang=\"en\">"));
    }
    void testNoticeSaysWhatWasAskedAndHowToCancel() {
        const mail::Message m =
            service::emailChangeNoticeMail(anna(domain::Lang::Hu), kNew, kCancel, false, kAt, test::mailConfig());
        CPPUNIT_ASSERT_EQUAL(kOld, m.toAddress);
        mail::Rendered r = test::renderMail(m);
        CPPUNIT_ASSERT_EQUAL(std::string("Kérés a KTK-fiókja e-mail címének módosítására"), r.subject);
        CPPUNIT_ASSERT(test::contains(r.text, kNew));
        CPPUNIT_ASSERT(test::contains(r.text, "2026. 07. 01. 14:00"));
        CPPUNIT_ASSERT(test::contains(r.text, kCancel + "\n"));
        CPPUNIT_ASSERT(test::contains(r.text, "Egyelőre semmi sem változott"));
        CPPUNIT_ASSERT(test::contains(r.text, "72 óráig"));
        mail::Rendered en = noticeMail(domain::Lang::En, false);
        CPPUNIT_ASSERT(test::contains(en.text, "72 hours"));
        CPPUNIT_ASSERT(test::contains(en.text, "Nothing has changed yet"));
    }
    void testNoticeNamesWhoAsked() {
        CPPUNIT_ASSERT(test::contains(noticeMail(domain::Lang::Hu, false).text, "az Ön jelszavával"));
        CPPUNIT_ASSERT(!test::contains(noticeMail(domain::Lang::Hu, false).text, "járási hivatal"));
        CPPUNIT_ASSERT(test::contains(noticeMail(domain::Lang::Hu, true).text, "járási hivatal ügyintézője"));
        CPPUNIT_ASSERT(!test::contains(noticeMail(domain::Lang::Hu, true).text, "az Ön jelszavával"));
        CPPUNIT_ASSERT(test::contains(noticeMail(domain::Lang::En, true).text, "clerk of the district office"));
    }
    void testChangedMailToTheOldAddressCarriesTheWayBack() {
        const mail::Message m = service::emailChangedMail(anna(domain::Lang::Hu), true, kOld, kNew, kCancel, kAt,
                                                          test::mailConfig());
        CPPUNIT_ASSERT_EQUAL(kOld, m.toAddress);
        mail::Rendered r = test::renderMail(m);
        CPPUNIT_ASSERT_EQUAL(std::string("Megváltozott a KTK-fiókja e-mail címe"), r.subject);
        CPPUNIT_ASSERT(test::contains(r.text, "erre módosították: " + kNew));
        CPPUNIT_ASSERT(test::contains(r.text, kCancel + "\n"));
        // 72 hours after 2026. 07. 01. 14:00 Hungarian time.
        CPPUNIT_ASSERT(test::contains(r.text, "2026. 07. 04. 14:00"));
        CPPUNIT_ASSERT(test::contains(r.text, "többi bejelentkezése"));
        CPPUNIT_ASSERT(!test::contains(r.text, "Mostantól ezzel a címmel lépjen be"));
    }
    void testChangedMailToTheNewAddressHasNoWayBack() {
        const mail::Message m =
            service::emailChangedMail(anna(domain::Lang::En), false, kOld, kNew, "", kAt, test::mailConfig());
        CPPUNIT_ASSERT_EQUAL(kNew, m.toAddress);
        mail::Rendered r = test::renderMail(m);
        CPPUNIT_ASSERT_EQUAL(std::string("Your KTK account's e-mail address has changed"), r.subject);
        CPPUNIT_ASSERT(test::contains(r.text, "it is now " + kNew + " (previously " + kOld + ")"));
        CPPUNIT_ASSERT(test::contains(r.text, "https://ktk.example.hu/login?lang=en"));
        CPPUNIT_ASSERT(!test::contains(r.text, "/profile/email/cancel"));
    }
    void testRevertedMailsAskForANewPassword() {
        mail::Rendered old = revertedMail(domain::Lang::Hu, true);
        CPPUNIT_ASSERT_EQUAL(std::string("Visszaállították a KTK-fiókja korábbi e-mail címét"), old.subject);
        CPPUNIT_ASSERT(test::contains(old.text, "https://ktk.example.hu/password/forgot?lang=hu"));
        CPPUNIT_ASSERT(test::contains(old.text, "minden bejelentkezése megszűnt"));
        mail::Rendered to = revertedMail(domain::Lang::En, false);
        CPPUNIT_ASSERT(test::contains(to.text, "no longer logs in"));
        CPPUNIT_ASSERT(!test::contains(to.text, "/password/forgot?lang=en\n\n"));
    }
    void testHtmlPartsEscapeTheAddresses() {
        repo::Account a = anna(domain::Lang::Hu, "<b>Kovács</b>");
        const std::string hostile = "o'<x>@example.org";
        mail::Rendered r = test::renderMail(
            service::emailChangedMail(a, false, kOld, hostile, "", kAt, test::mailConfig()));
        CPPUNIT_ASSERT(!test::contains(r.html, "<x>"));
        CPPUNIT_ASSERT(!test::contains(r.html, "<b>Kovács"));
        CPPUNIT_ASSERT(test::contains(r.html, "&lt;x&gt;"));
    }
    void testEveryPartIsFullyRendered() {
        for (domain::Lang lang : domain::kAllLangs)
            for (bool flag : {false, true}) {
                const mail::Rendered all[] = {
                    confirmMail(lang), noticeMail(lang, flag), changedMail(lang, flag), revertedMail(lang, flag),
                    test::renderMail(service::mailTo(anna(lang), service::kEmailChangeTakenMailKind,
                                                     test::mailConfig()))};
                for (const mail::Rendered& r : all) {
                    for (const std::string* part : {&r.subject, &r.text, &r.html}) {
                        CPPUNIT_ASSERT(!test::contains(*part, "{{"));
                        CPPUNIT_ASSERT(!test::contains(*part, "AUTOESCAPE"));
                    }
                    CPPUNIT_ASSERT(!r.subject.empty());
                    CPPUNIT_ASSERT(r.subject.find_first_of("\r\n") == std::string::npos);
                }
            }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EmailChangeMailsTest);
