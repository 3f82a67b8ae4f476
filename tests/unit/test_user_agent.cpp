// The short browser names of the Security tab ("Firefox on Windows") over
// User-Agent headers that real browsers send, and the headers that get no
// name.
#include <cppunit/extensions/HelperMacros.h>

#include "domain/user_agent.h"
#include "fixtures.h"

using namespace ktk;
using namespace ktk::domain;

namespace {

struct Case {
    const char* ua;
    const char* browser;
    const char* platform;
};

const Case kReal[] = {
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "Windows"},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
     "Safari/537.36",
     "Chrome", "Windows"},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
     "Safari/537.36 Edg/131.0.0.0",
     "Edge", "Windows"},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 "
     "Safari/537.36 OPR/115.0.0.0",
     "Opera", "Windows"},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 "
     "Safari/605.1.15",
     "Safari", "macOS"},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "macOS"},
    {"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox", "Linux"},
    {"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0", "Firefox", "Linux"},
    {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 "
     "Safari/537.36",
     "Chrome", "Linux"},
    {"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
     "Safari/537.36",
     "Chrome", "ChromeOS"},
    {"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile "
     "Safari/537.36",
     "Chrome", "Android"},
    {"Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 "
     "Chrome/122.0.0.0 Mobile Safari/537.36",
     "Samsung Internet", "Android"},
    {"Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0", "Firefox", "Android"},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/18.1 Mobile/15E148 Safari/604.1",
     "Safari", "iPhone"},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
     "Chrome", "iPhone"},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "FxiOS/132.0 Mobile/15E148 Safari/605.1.15",
     "Firefox", "iPhone"},
    {"Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 "
     "Mobile/15E148 Safari/604.1",
     "Safari", "iPad"},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Mobile/15E148",
     "Safari", "iPhone"},
};

}  // namespace

class UserAgentTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UserAgentTest);
    CPPUNIT_TEST(testRealBrowsersAreNamed);
    CPPUNIT_TEST(testToolsBotsAndNonsenseHaveNoName);
    CPPUNIT_TEST(testStoredHeaderIsPrintableAsciiAndShort);
    CPPUNIT_TEST_SUITE_END();

public:
    void testRealBrowsersAreNamed() {
        for (const Case& c : kReal) {
            BrowserName n = browserName(c.ua);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(c.ua, std::string(c.browser), n.browser);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(c.ua, std::string(c.platform), n.platform);
        }
    }
    void testToolsBotsAndNonsenseHaveNoName() {
        for (const char* ua : {"", "curl/8.5.0", "python-requests/2.32.3", "Wget/1.21.4",
                               "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                               "Mozilla/5.0", "<script>alert(1)</script>", "Firefox/133.0"}) {
            BrowserName n = browserName(ua);
            CPPUNIT_ASSERT_MESSAGE(ua, n.browser.empty());
            CPPUNIT_ASSERT_MESSAGE(ua, n.platform.empty());
        }
    }
    void testStoredHeaderIsPrintableAsciiAndShort() {
        CPPUNIT_ASSERT_EQUAL(std::string("Mozilla/5.0 (X11)"), storableUserAgent("Mozilla/5.0 (X11)"));
        CPPUNIT_ASSERT_EQUAL(std::string("a??b?c"), storableUserAgent("a\xc3\xa9" "b\nc"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(255), storableUserAgent(std::string(1000, 'x')).size());
        CPPUNIT_ASSERT_EQUAL(std::string(), storableUserAgent(""));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UserAgentTest);
