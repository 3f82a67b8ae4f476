#include <cppunit/extensions/HelperMacros.h>

#include "config/config.h"
#include "fixtures.h"

namespace config = ktk::config;

namespace {
std::string secretFile() {
    static const std::string path = ktk::test::writeTempFile(std::string(40, 'k') + "\n" + std::string(40, 'o') + "\n");
    return path;
}
std::string minimal() { return "base_url = https://ktk.example.hu/\nsecret_file = " + secretFile() + "\n"; }

// Asserts that parsing fails and that the message names `mention`.
void assertRejected(const std::string& text, const std::string& mention, char** env = nullptr) {
    try {
        config::Config::parse(text, "ktk.conf", env);
        CPPUNIT_FAIL("accepted: " + text);
    } catch (const config::ConfigError& e) {
        CPPUNIT_ASSERT_MESSAGE(std::string("message '") + e.what() + "' lacks '" + mention + "'",
                               std::string(e.what()).find(mention) != std::string::npos);
    }
}
}  // namespace

class ConfigTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ConfigTest);
    CPPUNIT_TEST(testMinimalConfigGetsDefaults);
    CPPUNIT_TEST(testCommentsAndBlankLinesAreIgnored);
    CPPUNIT_TEST(testSecretsAreReadFromTheirFileInOrder);
    CPPUNIT_TEST(testEnvironmentOverridesTheFile);
    CPPUNIT_TEST(testUnknownKeyIsRejectedWithItsLine);
    CPPUNIT_TEST(testLineWithoutEqualsIsRejected);
    CPPUNIT_TEST(testBadNumbersAreRejected);
    CPPUNIT_TEST(testMissingBaseUrlIsRejected);
    CPPUNIT_TEST(testBaseUrlMustBeHttp);
    CPPUNIT_TEST(testMissingSecretFileIsRejected);
    CPPUNIT_TEST(testShortSecretIsRejected);
    CPPUNIT_TEST(testUnreadableSecretFileIsRejected);
    CPPUNIT_TEST(testMissingConfigFileIsRejected);
    CPPUNIT_TEST(testMailFromMustBeAnAddress);
    CPPUNIT_TEST(testTheMigrationPasswordIsNotReadAtStart);
    CPPUNIT_TEST(testTheMigrationAccountNeedsItsPasswordFileAndIsNotTheRuntimeOne);
    CPPUNIT_TEST(testTheRuntimeRoleIsAPlainName);
    CPPUNIT_TEST_SUITE_END();

public:
    void testMinimalConfigGetsDefaults() {
        config::Config c = config::Config::parse(minimal(), "ktk.conf", nullptr);
        CPPUNIT_ASSERT_EQUAL(std::string("https://ktk.example.hu"), c.baseUrl);  // trailing slash dropped
        CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1"), c.dbHost);
        CPPUNIT_ASSERT_EQUAL(3306u, c.dbPort);
        CPPUNIT_ASSERT_EQUAL(std::string("no-reply@munka.hu"), c.mailFrom);
        CPPUNIT_ASSERT_EQUAL(std::string("ktk-hd@lab.hu"), c.helpdeskEmail);
        CPPUNIT_ASSERT(!c.templatesDir.empty());
    }
    void testCommentsAndBlankLinesAreIgnored() {
        config::Config c =
            config::Config::parse("# comment\n\n   \n" + minimal() + "  db.port = 13306  \n", "ktk.conf", nullptr);
        CPPUNIT_ASSERT_EQUAL(13306u, c.dbPort);
    }
    void testSecretsAreReadFromTheirFileInOrder() {
        config::Config c = config::Config::parse(minimal(), "ktk.conf", nullptr);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), c.secrets.size());
        CPPUNIT_ASSERT_EQUAL(std::string(40, 'k'), c.secrets[0]);
    }
    void testEnvironmentOverridesTheFile() {
        std::string a = "KTK_DB_PORT=4406", b = "KTK_CAPTCHA_TEST_ANSWER=ABCDE", c = "UNRELATED=1";
        char* env[] = {a.data(), b.data(), c.data(), nullptr};
        config::Config cfg = config::Config::parse(minimal() + "db.port = 13306\n", "ktk.conf", env);
        CPPUNIT_ASSERT_EQUAL(4406u, cfg.dbPort);
        CPPUNIT_ASSERT_EQUAL(std::string("ABCDE"), cfg.captchaTestAnswer);
    }
    void testUnknownKeyIsRejectedWithItsLine() {
        assertRejected(minimal() + "db.prot = 1\n", "ktk.conf:3: unknown key 'db.prot'");
    }
    void testLineWithoutEqualsIsRejected() { assertRejected(minimal() + "db.port 1\n", "expected 'key = value'"); }
    void testBadNumbersAreRejected() {
        assertRejected(minimal() + "db.port = 70000\n", "db.port");
        assertRejected(minimal() + "db.port = -1\n", "db.port");
        assertRejected(minimal() + "db.port = 12abc\n", "db.port");
        std::string e = "KTK_DB_PORT=x";
        char* env[] = {e.data(), nullptr};
        assertRejected(minimal(), "db.port", env);
    }
    void testMissingBaseUrlIsRejected() { assertRejected("secret_file = " + secretFile() + "\n", "base_url"); }
    void testBaseUrlMustBeHttp() {
        assertRejected("base_url = javascript:alert(1)\nsecret_file = " + secretFile() + "\n", "base_url");
        assertRejected("base_url = https://a.hu/\"x\nsecret_file = " + secretFile() + "\n", "base_url");
        // A scheme without a host, with or without slashes after it.
        for (const char* url : {"https://", "http:///", "https:///ktk.example.hu"})
            assertRejected("base_url = " + std::string(url) + "\nsecret_file = " + secretFile() + "\n",
                           "must name a host");
    }
    void testMissingSecretFileIsRejected() { assertRejected("base_url = https://a.hu\n", "secret_file"); }
    void testShortSecretIsRejected() {
        std::string path = ktk::test::writeTempFile("short\n");
        assertRejected("base_url = https://a.hu\nsecret_file = " + path + "\n", "at least 32");
    }
    void testUnreadableSecretFileIsRejected() {
        assertRejected("base_url = https://a.hu\nsecret_file = /nonexistent/secret\n", "/nonexistent/secret");
    }
    void testMissingConfigFileIsRejected() {
        CPPUNIT_ASSERT_THROW(config::Config::load("/nonexistent/ktk.conf", nullptr), config::ConfigError);
    }
    void testMailFromMustBeAnAddress() {
        assertRejected(minimal() + "mail.from = nobody\n", "mail.from");
        assertRejected(minimal() + "mail.from = a@b.hu>\n", "mail.from");
    }
    // The programs run as the runtime account and cannot read the migration
    // account's password (root's file): only `ktk-admin migrate` opens it.
    void testTheMigrationPasswordIsNotReadAtStart() {
        config::Config c = config::Config::parse(
            minimal() + "db.migrate_user = ktk_migrate\ndb.migrate_password_file = /nonexistent/db-migrate-password\n",
            "ktk.conf", nullptr);
        CPPUNIT_ASSERT_EQUAL(std::string("ktk_migrate"), c.dbMigrateUser);
        CPPUNIT_ASSERT_EQUAL(std::string("/nonexistent/db-migrate-password"), c.dbMigratePasswordFile);
        CPPUNIT_ASSERT_EQUAL(std::string("ktk_runtime"), c.dbRuntimeRole);
        CPPUNIT_ASSERT(config::Config::parse(minimal(), "ktk.conf", nullptr).dbMigrateUser.empty());
    }
    void testTheMigrationAccountNeedsItsPasswordFileAndIsNotTheRuntimeOne() {
        assertRejected(minimal() + "db.migrate_user = ktk_migrate\n", "db.migrate_password_file");
        assertRejected(minimal() + "db.user = ktk\ndb.migrate_user = ktk\ndb.migrate_password_file = /x\n",
                       "db.migrate_user");
    }
    void testTheRuntimeRoleIsAPlainName() {
        assertRejected(minimal() + "db.runtime_role = ktk`; DROP\n", "db.runtime_role");
        assertRejected(minimal() + "db.runtime_role =\n", "db.runtime_role");
        CPPUNIT_ASSERT_EQUAL(std::string("portal_rt2"),
                             config::Config::parse(minimal() + "db.runtime_role = portal_rt2\n", "ktk.conf", nullptr)
                                 .dbRuntimeRole);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(ConfigTest);
