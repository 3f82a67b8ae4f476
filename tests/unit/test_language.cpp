#include <cppunit/extensions/HelperMacros.h>

#include "view/language.h"

using ktk::Lang;
using ktk::negotiateLang;

class LanguageTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LanguageTest);
    CPPUNIT_TEST(testHungarianWhenNothingDecides);
    CPPUNIT_TEST(testQueryBeatsEverything);
    CPPUNIT_TEST(testCookieBeatsUserAndHeader);
    CPPUNIT_TEST(testUserSettingBeatsHeader);
    CPPUNIT_TEST(testAcceptLanguageByQValue);
    CPPUNIT_TEST(testAcceptLanguageWithRegionsAndCase);
    CPPUNIT_TEST(testUnknownValuesAreIgnored);
    CPPUNIT_TEST(testZeroQualityMeansNot);
    CPPUNIT_TEST_SUITE_END();

public:
    void testHungarianWhenNothingDecides() { CPPUNIT_ASSERT(negotiateLang("", "", std::nullopt, "") == Lang::Hu); }
    void testQueryBeatsEverything() { CPPUNIT_ASSERT(negotiateLang("en", "hu", Lang::Hu, "hu") == Lang::En); }
    void testCookieBeatsUserAndHeader() { CPPUNIT_ASSERT(negotiateLang("", "en", Lang::Hu, "hu") == Lang::En); }
    void testUserSettingBeatsHeader() { CPPUNIT_ASSERT(negotiateLang("", "", Lang::En, "hu-HU") == Lang::En); }
    void testAcceptLanguageByQValue() {
        CPPUNIT_ASSERT(negotiateLang("", "", std::nullopt, "de-DE,hu;q=0.5,en;q=0.8") == Lang::En);
        CPPUNIT_ASSERT(negotiateLang("", "", std::nullopt, "en;q=0.3, hu;q=0.9") == Lang::Hu);
        CPPUNIT_ASSERT(negotiateLang("", "", std::nullopt, "en-GB,en;q=0.9") == Lang::En);
    }
    void testAcceptLanguageWithRegionsAndCase() {
        CPPUNIT_ASSERT(negotiateLang("", "", std::nullopt, "EN-us") == Lang::En);
    }
    void testUnknownValuesAreIgnored() {
        CPPUNIT_ASSERT(negotiateLang("de", "fr", std::nullopt, "de") == Lang::Hu);
        CPPUNIT_ASSERT(negotiateLang("<script>", "en\r\n", std::nullopt, "en") == Lang::En);
    }
    void testZeroQualityMeansNot() { CPPUNIT_ASSERT(negotiateLang("", "", std::nullopt, "en;q=0") == Lang::Hu); }
};
CPPUNIT_TEST_SUITE_REGISTRATION(LanguageTest);
