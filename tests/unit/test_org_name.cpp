// Names of district offices and municipalities: official names pass,
// markup and control characters do not, and each problem has a message.
#include <cppunit/extensions/HelperMacros.h>

#include "domain/org_name.h"
#include "fixtures.h"

using namespace ktk;
using namespace ktk::domain;

class OrgNameTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OrgNameTest);
    CPPUNIT_TEST(testOfficialNamesPassUnchanged);
    CPPUNIT_TEST(testSpacesAreTrimmedAndCollapsed);
    CPPUNIT_TEST(testEmptyOrBlankNameIsMissing);
    CPPUNIT_TEST(testTwoHundredCharactersPassAndMoreDoNot);
    CPPUNIT_TEST(testMarkupQuotesAndControlsAreRefused);
    CPPUNIT_TEST(testDigitsAndPunctuationAloneAreNotAName);
    CPPUNIT_TEST(testEveryMessageIsTranslatedInBothLanguages);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOfficialNamesPassUnchanged() {
        for (const char* n : {"Gödöllői Járási Hivatal", "Veresegyház Város Önkormányzata",
                              "Budapest Főváros XIII. Kerületi Önkormányzat", "Pest Megyei Kormányhivatal (Gödöllő)",
                              "Szentendre, Pap-sziget", "Hódmezővásárhely Megyei Jogú Város",
                              "Tiszaújváros/Tiszapalkonya", "Kisköre 1. sz. körzet", "O'Hara"}) {
            CheckedOrgName r = checkOrgName(n);
            CPPUNIT_ASSERT_MESSAGE(n, r.check == OrgNameCheck::Ok);
            CPPUNIT_ASSERT_EQUAL(std::string(n), r.value);
        }
    }
    void testSpacesAreTrimmedAndCollapsed() {
        CPPUNIT_ASSERT_EQUAL(std::string("Gödöllői Járási Hivatal"),
                             checkOrgName("  Gödöllői   Járási Hivatal ").value);
    }
    void testEmptyOrBlankNameIsMissing() {
        CPPUNIT_ASSERT(checkOrgName("").check == OrgNameCheck::Missing);
        CPPUNIT_ASSERT(checkOrgName("   ").check == OrgNameCheck::Missing);
    }
    void testTwoHundredCharactersPassAndMoreDoNot() {
        std::string name;
        for (int i = 0; i < 200; ++i) name += "ő";
        CPPUNIT_ASSERT(checkOrgName(name).check == OrgNameCheck::Ok);
        CPPUNIT_ASSERT(checkOrgName(name + "a").check == OrgNameCheck::TooLong);
    }
    void testMarkupQuotesAndControlsAreRefused() {
        for (const char* n : {"<script>alert(1)</script>", "Város & Társa", "Város \"Kft\"", "Város\r\nBcc: x@y.hu",
                              "Város\t1", "Város;", "Város\x7f", "Kov\xE1" "cs", "Város 😀"})
            CPPUNIT_ASSERT_MESSAGE(n, checkOrgName(n).check == OrgNameCheck::Invalid);
        CPPUNIT_ASSERT(checkOrgName(std::string("Vá\0ros", 7)).check == OrgNameCheck::Invalid);
    }
    void testDigitsAndPunctuationAloneAreNotAName() {
        for (const char* n : {"2000", "-", "1. (2)"})
            CPPUNIT_ASSERT_MESSAGE(n, checkOrgName(n).check == OrgNameCheck::Invalid);
    }
    void testEveryMessageIsTranslatedInBothLanguages() {
        for (OrgNameCheck c : {OrgNameCheck::Missing, OrgNameCheck::TooLong, OrgNameCheck::Invalid})
            for (domain::Lang lang : domain::kAllLangs)
                CPPUNIT_ASSERT_MESSAGE(messageKey(c), test::world().translator.find(lang, messageKey(c)));
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(OrgNameTest);
