// web::localPath, the one check of a redirect target or link taken from a
// request, against the ways browsers and proxies read a path as another
// host.
#include <cppunit/extensions/HelperMacros.h>

#include <string>

#include "web/local_path.h"

using ktk::web::localPath;

namespace {

bool refused(const std::string& target) { return !localPath(target).has_value(); }

}  // namespace

class LocalPathTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LocalPathTest);
    CPPUNIT_TEST(testLocalPathsWithQueriesAreKeptAsTheyAre);
    CPPUNIT_TEST(testEmptyAndRelativeTargetsAreRefused);
    CPPUNIT_TEST(testAbsoluteUrlsAndOtherSchemesAreRefused);
    CPPUNIT_TEST(testNetworkPathsWithSlashOrBackslashAreRefused);
    CPPUNIT_TEST(testTabCrLfAndEveryOtherControlCharacterAreRefused);
    CPPUNIT_TEST(testBackslashAnywhereIsRefused);
    CPPUNIT_TEST(testNonAsciiBytesAreRefused);
    CPPUNIT_TEST(testEncodedControlsBackslashesAndSlashesAreRefused);
    CPPUNIT_TEST(testEncodedTextIsAccepted);
    CPPUNIT_TEST(testBrokenPercentEscapesAreRefused);
    CPPUNIT_TEST(testOverlongTargetsAreRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void testLocalPathsWithQueriesAreKeptAsTheyAre() {
        for (const char* ok : {"/", "/home", "/admin?q=anna%40example.hu&done=linked", "/profile/security",
                               "/password/forgot?lang=en#email", "/a/b/../c", "/a//b"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(ok, std::string(ok), localPath(ok).value_or("refused"));
    }
    void testEmptyAndRelativeTargetsAreRefused() {
        for (const char* bad : {"", "home", "./home", "../home", "?x=1", "#top", " /home", "\t/home"})
            CPPUNIT_ASSERT_MESSAGE(bad, refused(bad));
    }
    void testAbsoluteUrlsAndOtherSchemesAreRefused() {
        for (const char* bad : {"https://evil.example/", "http:/evil.example", "javascript:alert(1)",
                                "data:text/html,x", "mailto:a@example.org"})
            CPPUNIT_ASSERT_MESSAGE(bad, refused(bad));
    }
    void testNetworkPathsWithSlashOrBackslashAreRefused() {
        for (const char* bad : {"//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example",
                                "\\/evil.example"})
            CPPUNIT_ASSERT_MESSAGE(bad, refused(bad));
    }
    void testTabCrLfAndEveryOtherControlCharacterAreRefused() {
        // Browsers drop TAB, CR and LF from a URL: "/<TAB>/host" is "//host".
        for (const char* bad : {"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/home\r\nSet-Cookie: x=1",
                                "/home\x7f", "/home\x0b", "/home\x1f", "/home /x"})
            CPPUNIT_ASSERT_MESSAGE(bad, refused(bad));
        CPPUNIT_ASSERT(refused(std::string("/\0/evil.example", 15)));
        for (int c = 0; c < 0x20; ++c) CPPUNIT_ASSERT(refused("/a" + std::string(1, static_cast<char>(c)) + "b"));
    }
    void testBackslashAnywhereIsRefused() {
        CPPUNIT_ASSERT(refused("/a\\b"));
        CPPUNIT_ASSERT(refused("/home?next=\\\\evil.example"));
    }
    void testNonAsciiBytesAreRefused() {
        // C1 control NEL, line separator, right-to-left override, a plain
        // accented letter, and bytes that are not UTF-8 at all.
        for (const char* bad : {"/\xc2\x85/evil", "/\xe2\x80\xa8/evil", "/\xe2\x80\xae/evil", "/h\xc3\xa9", "/\xff",
                                "/\xc3("})
            CPPUNIT_ASSERT_MESSAGE(bad, refused(bad));
    }
    void testEncodedControlsBackslashesAndSlashesAreRefused() {
        for (const char* bad : {"/%09/evil.example", "/%0a/evil", "/%0D%0ASet-Cookie:x=1", "/%00", "/%7f", "/%2F/evil",
                                "/%2f%2fevil", "/%5Cevil.example", "/%5cevil", "/x%5Cy", "/%2e%2e%5cevil",
                                "/%C2%85/evil", "/%c2%9f", "/%E2%80%A8", "/%e2%80%a9"})
            CPPUNIT_ASSERT_MESSAGE(bad, refused(bad));
    }
    void testEncodedTextIsAccepted() {
        for (const char* ok : {"/admin?q=Kov%C3%A1cs", "/x%2Fy", "/admin?q=a%2Fb", "/%E2%80%AE", "/a%20b", "/%25"})
            CPPUNIT_ASSERT_MESSAGE(ok, !refused(ok));
    }
    void testBrokenPercentEscapesAreRefused() {
        for (const char* bad : {"/%", "/%2", "/%zz", "/a%g0", "/%%30"}) CPPUNIT_ASSERT_MESSAGE(bad, refused(bad));
    }
    void testOverlongTargetsAreRefused() {
        CPPUNIT_ASSERT(!refused("/" + std::string(ktk::web::kMaxLocalPathBytes - 1, 'a')));
        CPPUNIT_ASSERT(refused("/" + std::string(ktk::web::kMaxLocalPathBytes, 'a')));
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(LocalPathTest);
