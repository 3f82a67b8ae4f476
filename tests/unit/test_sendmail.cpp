// The worker's sendmail command line and retry schedule.
#include <cppunit/extensions/HelperMacros.h>

#include "config/config.h"
#include "mail/sendmail.h"

using namespace ktk;
using Argv = std::vector<std::string>;

class SendmailTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SendmailTest);
    CPPUNIT_TEST(testDefaultCommandPassesEachAddressAsOneArgument);
    CPPUNIT_TEST(testShellCharactersAreJustCharacters);
    CPPUNIT_TEST(testQuotesGroupWordsAndPlaceholdersWorkInsideWords);
    CPPUNIT_TEST(testPlaceholderTextInsideAnAddressIsNotExpandedAgain);
    CPPUNIT_TEST(testUnusableCommandsAreRefused);
    CPPUNIT_TEST(testRetryScheduleDoublesFromOneMinuteUpToFourHours);
    CPPUNIT_TEST(testLogsShowOnlyTheRecipientDomain);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDefaultCommandPassesEachAddressAsOneArgument() {
        auto cmd = mail::SendmailCommand::parse(config::Config().sendmailCommand);
        CPPUNIT_ASSERT(cmd.argv("no-reply@munka.hu", "kovacs.eva@example.hu") ==
                       (Argv{"/usr/sbin/sendmail", "-i", "-f", "no-reply@munka.hu", "--", "kovacs.eva@example.hu"}));
        CPPUNIT_ASSERT_EQUAL(std::string("/usr/sbin/sendmail"), cmd.program());
    }

    void testShellCharactersAreJustCharacters() {
        auto cmd = mail::SendmailCommand::parse("/usr/sbin/sendmail -i -f {from} -- {rcpt}");
        Argv argv = cmd.argv("a@b.hu", "x;rm -rf ~ $(id) `id` | cat > /tmp/x@y.hu");
        CPPUNIT_ASSERT_EQUAL(std::size_t(6), argv.size());
        CPPUNIT_ASSERT_EQUAL(std::string("x;rm -rf ~ $(id) `id` | cat > /tmp/x@y.hu"), argv[5]);
    }

    void testQuotesGroupWordsAndPlaceholdersWorkInsideWords() {
        auto cmd = mail::SendmailCommand::parse(
            "/usr/bin/msmtp  -C \"/var/my dir/msmtprc\" '--from={from}'\t-a\\ b \"q\\\"x\" -- {rcpt}");
        CPPUNIT_ASSERT(cmd.argv("n@m.hu", "r@s.hu") ==
                       (Argv{"/usr/bin/msmtp", "-C", "/var/my dir/msmtprc", "--from=n@m.hu", "-a b", "q\"x", "--",
                             "r@s.hu"}));
    }

    void testPlaceholderTextInsideAnAddressIsNotExpandedAgain() {
        auto cmd = mail::SendmailCommand::parse("/usr/sbin/sendmail -f {from} -- {rcpt}");
        Argv argv = cmd.argv("{rcpt}@a.hu", "{from}@b.hu");
        CPPUNIT_ASSERT_EQUAL(std::string("{rcpt}@a.hu"), argv[2]);
        CPPUNIT_ASSERT_EQUAL(std::string("{from}@b.hu"), argv[4]);
    }

    void testUnusableCommandsAreRefused() {
        for (const char* bad : {"", "   ", "sendmail -i -- {rcpt}", "/usr/sbin/sendmail -t -i",
                                "/usr/sbin/sendmail \"-i -- {rcpt}", "/usr/sbin/sendmail '-i -- {rcpt}",
                                "/usr/sbin/sendmail -- {rcpt} \\", "/usr/sbin/sendmail -- {rcpt}\nrm"})
            CPPUNIT_ASSERT_THROW_MESSAGE(bad, mail::SendmailCommand::parse(bad), config::ConfigError);
    }

    void testRetryScheduleDoublesFromOneMinuteUpToFourHours() {
        const std::int64_t expected[] = {60, 60, 120, 240, 480, 960, 1920, 3840, 7680, 14400, 14400};
        for (unsigned attempts = 0; attempts <= 10; ++attempts)
            CPPUNIT_ASSERT_EQUAL(expected[attempts], mail::retryDelaySeconds(attempts));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(14400), mail::retryDelaySeconds(100));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(14400), mail::retryDelaySeconds(~0u));
    }

    void testLogsShowOnlyTheRecipientDomain() {
        CPPUNIT_ASSERT_EQUAL(std::string("example.hu"), std::string(mail::recipientDomain("kovacs.eva@example.hu")));
        CPPUNIT_ASSERT_EQUAL(std::string("?"), std::string(mail::recipientDomain("nobody")));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SendmailTest);
