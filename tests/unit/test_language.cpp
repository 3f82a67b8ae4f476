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
    CPPUNIT_TEST(testMalformedQualityIgnoresTheRange);
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
        CPPUNIT_ASSERT(web::negotiateLang("", "", std::nullopt, "en;q=0.000, hu;q=0.001") == domain::Lang::Hu);
        // The weight after another parameter, and "Q" in capitals, count too.
        CPPUNIT_ASSERT(web::negotiateLang("", "", std::nullopt, "hu;level=1;q=0, en;q=0.1") == domain::Lang::En);
        CPPUNIT_ASSERT(web::negotiateLang("", "", std::nullopt, "hu;Q=0.2, en;Q=0.9") == domain::Lang::En);
    }
    // A q-value is 0 to 1 with at most three decimals: "2", "inf", "nan",
    // "1e3" or "0.5x" do not outrank a real one, they drop their range.
    void testMalformedQualityIgnoresTheRange() {
        for (const char* header : {"en;q=2, hu;q=1", "en;q=inf,hu", "en;q=1e3, hu;q=0.5", "en;q=0.5x, hu;q=0.1",
                                   "en;q=1.001,hu;q=0.9", "en;q=0.1234, hu;q=0.1", "en;q= 1, hu;q=0.1",
                                   "en;q=nan, hu;q=0.5"})
            CPPUNIT_ASSERT_MESSAGE(header, web::negotiateLang("", "", std::nullopt, header) == domain::Lang::Hu);
        CPPUNIT_ASSERT(web::negotiateLang("", "", std::nullopt, "en;q=1.000, hu;q=0.999") == domain::Lang::En);
        CPPUNIT_ASSERT(web::negotiateLang("", "", std::nullopt, "hu;q=0.7, en;q=0.75") == domain::Lang::En);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(LanguageTest);
