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
            CheckedName r = checkOrgName(n);
            CPPUNIT_ASSERT_MESSAGE(n, r.check == NameCheck::Ok);
            CPPUNIT_ASSERT_EQUAL(std::string(n), r.value);
        }
    }
    void testSpacesAreTrimmedAndCollapsed() {
        CPPUNIT_ASSERT_EQUAL(std::string("Gödöllői Járási Hivatal"),
                             checkOrgName("  Gödöllői   Járási Hivatal ").value);
    }
    void testEmptyOrBlankNameIsMissing() {
        CPPUNIT_ASSERT(checkOrgName("").check == NameCheck::Missing);
        CPPUNIT_ASSERT(checkOrgName("   ").check == NameCheck::Missing);
    }
    void testTwoHundredCharactersPassAndMoreDoNot() {
        std::string name;
        for (int i = 0; i < 200; ++i) name += "ő";
        CPPUNIT_ASSERT(checkOrgName(name).check == NameCheck::Ok);
        CPPUNIT_ASSERT(checkOrgName(name + "a").check == NameCheck::TooLong);
    }
    void testMarkupQuotesAndControlsAreRefused() {
        for (const char* n : {"<script>alert(1)</script>", "Város & Társa", "Város \"Kft\"", "Város\r\nBcc: x@y.hu",
                              "Város\t1", "Város;", "Város\x7f", "Kov\xE1" "cs", "Város 😀"})
            CPPUNIT_ASSERT_MESSAGE(n, checkOrgName(n).check == NameCheck::Invalid);
        CPPUNIT_ASSERT(checkOrgName(std::string("Vá\0ros", 7)).check == NameCheck::Invalid);
    }
    void testDigitsAndPunctuationAloneAreNotAName() {
        for (const char* n : {"2000", "-", "1. (2)"})
            CPPUNIT_ASSERT_MESSAGE(n, checkOrgName(n).check == NameCheck::Invalid);
    }
    void testEveryMessageIsTranslatedInBothLanguages() {
        for (NameCheck c : {NameCheck::Missing, NameCheck::TooLong, NameCheck::Invalid})
            for (domain::Lang lang : domain::kAllLangs)
                CPPUNIT_ASSERT_MESSAGE(orgNameMessageKey(c), test::world().translator.find(lang, orgNameMessageKey(c)));
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(OrgNameTest);
