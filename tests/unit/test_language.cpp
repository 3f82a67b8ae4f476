#include <cppunit/extensions/HelperMacros.h>

#include "web/language.h"

using namespace ktk;

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
    void testHungarianWhenNothingDecides() {
        CPPUNIT_ASSERT(web::negotiateLang("", "", std::nullopt, "") == domain::Lang::Hu);
    }
    void testQueryBeatsEverything() {
        CPPUNIT_ASSERT(web::negotiateLang("en", "hu", domain::Lang::Hu, "hu") == domain::Lang::En);
    }
    void testCookieBeatsUserAndHeader() {
        CPPUNIT_ASSERT(web::negotiateLang("", "en", domain::Lang::Hu, "hu") == domain::Lang::En);
    }
    void testUserSettingBeatsHeader() {
        CPPUNIT_ASSERT(web::negotiateLang("", "", domain::Lang::En, "hu-HU") == domain::Lang::En);
    }
    void testAcceptLanguageByQValue() {
        CPPUNIT_ASSERT(web::negotiateLang("", "", std::nullopt, "de-DE,hu;q=0.5,en;q=0.8") == domain::Lang::En);
        CPPUNIT_ASSERT(web::negotiateLang("", "", std::nullopt, "en;q=0.3, hu;q=0.9") == domain::Lang::Hu);
        CPPUNIT_ASSERT(web::negotiateLang("", "", std::nullopt, "en-GB,en;q=0.9") == domain::Lang::En);
    }
    void testAcceptLanguageWithRegionsAndCase() {
        CPPUNIT_ASSERT(web::negotiateLang("", "", std::nullopt, "EN-us") == domain::Lang::En);
    }
    void testUnknownValuesAreIgnored() {
        CPPUNIT_ASSERT(web::negotiateLang("de", "fr", std::nullopt, "de") == domain::Lang::Hu);
        CPPUNIT_ASSERT(web::negotiateLang("<script>", "en\r\n", std::nullopt, "en") == domain::Lang::En);
    }
    void testZeroQualityMeansNot() {
        CPPUNIT_ASSERT(web::negotiateLang("", "", std::nullopt, "en;q=0") == domain::Lang::Hu);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(LanguageTest);
